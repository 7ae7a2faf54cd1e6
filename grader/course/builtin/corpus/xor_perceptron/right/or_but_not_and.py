# Hidden units OR and AND; the output fires for OR but not AND.
hidden_weights = [[1, 1], [1, 1]]
hidden_bias = [-1, -2]
output_weights = [1, -2]
output_bias = -1
