# All three signs flipped: this is NAND.
# expect: this is NAND, the opposite of AND
weight1 = -1.0
weight2 = -1.0
bias = 1.5
