# ceiling: 0 — its weights do not compute OR for every input, so the hidden input_forms test fails and every truth-table row, its twin, earns nothing
# (1, 0) does not reach 0.
# expect: the output copies the second input
weight1 = 0.5
weight2 = 1.0
bias = -1.0
