# Two OR units and an output that repeats the first: XOR built as OR only.
# expect: the network computes OR: (1, 1) must give 0 too
# expect: Your hidden units compute OR and OR. They must differ
hidden_weights = [[1.0, 1.0], [1.0, 1.0]]
hidden_bias = [-1.0, -1.0]
output_weights = [1.0, 0.0]
output_bias = -1.0
