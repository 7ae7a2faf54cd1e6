# expect: `weight2` is inf
# expect: 0 * inf is nan
weight1 = 1.0
weight2 = float("inf")
bias = -1.0
