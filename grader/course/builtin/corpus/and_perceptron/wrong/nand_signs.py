# ceiling: 0 — its weights do not compute AND for every input, so the hidden input_forms test fails and every truth-table row, its twin, earns nothing
# All three signs flipped: this is NAND.
# expect: this is NAND, the opposite of AND
weight1 = -1.0
weight2 = -1.0
bias = 1.5
