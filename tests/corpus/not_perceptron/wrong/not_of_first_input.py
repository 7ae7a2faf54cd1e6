# Negates x1 instead of x2.
# expect: this is NOT of the first input
# expect: swap weight1 and weight2
weight1 = -2.0
weight2 = 0.0
bias = 1.0
