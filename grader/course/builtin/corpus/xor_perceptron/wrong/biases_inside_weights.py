# ceiling: 0 — its network does not compute XOR for every input, so the hidden random_batch test fails and every truth-table row, its twin, earns nothing
# expect: Did you put the biases into hidden_weights? They belong in hidden_bias.
hidden_weights = [[1.0, 1.0, -1.0], [-1.0, -1.0, 1.5]]
hidden_bias = [0.0, 0.0]
output_weights = [1.0, 1.0]
output_bias = -2.0
