# Any scale works.
weight1 = 1000
weight2 = 1500.5
bias = -999
