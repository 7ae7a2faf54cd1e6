# Forgot to negate.
# expect: this copies the second input instead of negating it
weight1 = 0.0
weight2 = 1.0
bias = -0.5
