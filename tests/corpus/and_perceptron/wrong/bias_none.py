# The bias was never filled in.
# expect: `bias` is None. Set it to a number
weight1 = 1.0
weight2 = 1.0
bias = None
