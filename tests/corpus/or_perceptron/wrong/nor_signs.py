# All three signs flipped: this is NOR.
# expect: this is NOR, the opposite of OR
weight1 = -1.0
weight2 = -1.0
bias = 0.5
