# weight1 is not 0, but too small to change any output.
weight1 = 0.5
weight2 = -2.0
bias = 0.5
