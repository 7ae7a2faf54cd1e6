# With x2 = 0 the sum is just the bias.
# expect: the output is always 0
weight1 = 0.0
weight2 = -1.0
bias = -0.5
