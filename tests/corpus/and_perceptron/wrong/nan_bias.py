# expect: `bias` is nan
# expect: every comparison with nan is False
weight1 = 1.0
weight2 = 1.0
bias = float("nan")
