# ceiling: 0 — its network does not compute XOR for every input, so the hidden random_batch test fails and every truth-table row, its twin, earns nothing
# The output unit reads the step as "> 0": bias -1 makes (0, 0) sum to exactly 0.
# expect: the step is >= 0, not > 0
# expect: output unit
hidden_weights = [[1.0, 1.0], [-1.0, -1.0]]
hidden_bias = [-1.0, 1.5]
output_weights = [1.0, 1.0]
output_bias = -1.0
