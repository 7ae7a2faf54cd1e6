# ceiling: 0 — its weights do not compute NOT x2 for every input, so the hidden input_forms test fails and every truth-table row, its twin, earns nothing
# With x2 = 0 the sum is just the bias.
# expect: the output is always 0
weight1 = 0.0
weight2 = -1.0
bias = -0.5
