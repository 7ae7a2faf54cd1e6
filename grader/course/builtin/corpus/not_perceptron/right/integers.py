weight1 = 0
weight2 = -2
bias = 1
