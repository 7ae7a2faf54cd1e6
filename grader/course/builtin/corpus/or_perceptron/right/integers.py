weight1 = 1
weight2 = 1
bias = -1
