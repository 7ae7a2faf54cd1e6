# True is a truth value, not a weight.
# expect: `weight1` is True, a True/False value
weight1 = True
weight2 = 1.0
bias = -1.0
