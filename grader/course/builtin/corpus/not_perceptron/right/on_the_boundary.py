# (0, 0) and (1, 0) sum to exactly 0, which outputs 1.
weight1 = 0.0
weight2 = -1.0
bias = 0.0
