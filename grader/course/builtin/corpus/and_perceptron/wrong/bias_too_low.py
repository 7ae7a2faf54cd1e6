# ceiling: 0 — its weights do not compute AND for every input, so the hidden input_forms test fails and every truth-table row, its twin, earns nothing
# Even (1, 1) stays below 0.
# expect: the output is always 0
weight1 = 1.0
weight2 = 1.0
bias = -3.0
