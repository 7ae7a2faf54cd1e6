# ceiling: 0 — its network does not compute XOR for every input, so the hidden random_batch test fails and every truth-table row, its twin, earns nothing
# Hidden units x1 and OR: (1, 0) and (1, 1) look the same to the output unit.
# expect: so no output unit can fix it: change the hidden units first
hidden_weights = [[1.0, 0.0], [1.0, 1.0]]
hidden_bias = [-0.5, -0.5]
output_weights = [1.0, -1.0]
output_bias = 0.0
