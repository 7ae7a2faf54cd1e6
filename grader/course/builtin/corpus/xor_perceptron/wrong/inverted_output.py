# ceiling: 0 — its network does not compute XOR for every input, so the hidden random_batch test fails and every truth-table row, its twin, earns nothing
# The output unit is NAND of the hidden units instead of AND.
# expect: the network computes XNOR (NOT XOR): the output unit is inverted
hidden_weights = [[1.0, 1.0], [-1.0, -1.0]]
hidden_bias = [-1.0, 1.5]
output_weights = [-1.0, -1.0]
output_bias = 1.5
