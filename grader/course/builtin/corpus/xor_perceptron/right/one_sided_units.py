# Another decomposition: hidden units "x1 and not x2" and "x2 and not x1", output OR.
hidden_weights = [[1.0, -1.0], [-1.0, 1.0]]
hidden_bias = [-1.0, -1.0]
output_weights = [1.0, 1.0]
output_bias = -1.0
