# ceiling: 0 — its network does not compute XOR for every input, so the hidden random_batch test fails and every truth-table row, its twin, earns nothing
# expect: `hidden_bias` contains the text '-1'
hidden_weights = [[1.0, 1.0], [-1.0, -1.0]]
hidden_bias = ["-1", "1.5"]
output_weights = [1.0, 1.0]
output_bias = -2.0
