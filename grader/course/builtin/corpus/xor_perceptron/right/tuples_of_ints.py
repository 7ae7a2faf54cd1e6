# Tuples and integers, with asymmetric scales.
hidden_weights = ((2, 2), (-2, -2))
hidden_bias = (-1, 3)
output_weights = (1, 1)
output_bias = -2
