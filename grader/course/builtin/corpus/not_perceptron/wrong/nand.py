# ceiling: 0 — its weights do not compute NOT x2 for every input, so the hidden input_forms test fails and every truth-table row, its twin, earns nothing
# NAND looks at both inputs.
# expect: this is NAND: it looks at both inputs
weight1 = -1.0
weight2 = -1.0
bias = 1.5
