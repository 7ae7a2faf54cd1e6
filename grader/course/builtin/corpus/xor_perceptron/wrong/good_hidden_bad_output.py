# ceiling: 0 — its network does not compute XOR for every input, so the hidden random_batch test fails and every truth-table row, its twin, earns nothing
# OR and NAND in the hidden layer, but the output unit is OR of them.
# expect: the output is always 1
# expect: That hidden layer can work: the output unit must give 1 for hidden outputs (1, 1) and 0 for (0, 1) and (1, 0).
hidden_weights = [[1.0, 1.0], [-1.0, -1.0]]
hidden_bias = [-1.0, 1.5]
output_weights = [1.0, 1.0]
output_bias = -0.5
