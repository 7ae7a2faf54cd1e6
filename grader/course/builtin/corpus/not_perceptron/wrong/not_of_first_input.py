# ceiling: 0 — its weights do not compute NOT x2 for every input, so the hidden input_forms test fails and every truth-table row, its twin, earns nothing
# Negates x1 instead of x2.
# expect: this is NOT of the first input
# expect: swap weight1 and weight2
weight1 = -2.0
weight2 = 0.0
bias = 1.0
