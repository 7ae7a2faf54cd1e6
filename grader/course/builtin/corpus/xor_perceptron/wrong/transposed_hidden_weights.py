# ceiling: 0 — its network does not compute XOR for every input, so the hidden random_batch test fails and every truth-table row, its twin, earns nothing
# Hidden unit 1 is OR with weights (2, 1), unit 2 NAND with weights (-1, -2), but each unit's
# weights were written down a column instead of along a row.
# expect: hidden_weights looks transposed
hidden_weights = [[2.0, -1.0],
                  [1.0, -2.0]]
hidden_bias = [-1.0, 2.5]
output_weights = [1.0, 1.0]
output_bias = -2.0
