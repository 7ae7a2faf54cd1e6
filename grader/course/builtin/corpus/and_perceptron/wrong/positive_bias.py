# ceiling: 0 — its weights do not compute AND for every input, so the hidden input_forms test fails and every truth-table row, its twin, earns nothing
# A positive bias: every row reaches 0.
# expect: the output is always 1
weight1 = 1.0
weight2 = 1.0
bias = 0.5
