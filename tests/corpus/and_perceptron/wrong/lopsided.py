# weight1 alone is enough to reach 0.
# expect: the output copies the first input
weight1 = 2.0
weight2 = 1.0
bias = -1.5
