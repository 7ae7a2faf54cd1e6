# ceiling: 0 — its network does not compute XOR for every input, so the hidden random_batch test fails and every truth-table row, its twin, earns nothing
# expect: `hidden_weights` has shape (4,); it must have shape (2, 2)
# expect: Group the four numbers into two rows of two
hidden_weights = [1.0, 1.0, -1.0, -1.0]
hidden_bias = [-1.0, 1.5]
output_weights = [1.0, 1.0]
output_bias = -2.0
