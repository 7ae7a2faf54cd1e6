# NAND looks at both inputs.
# expect: this is NAND: it looks at both inputs
weight1 = -1.0
weight2 = -1.0
bias = 1.5
