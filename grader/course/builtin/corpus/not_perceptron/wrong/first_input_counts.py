# ceiling: 0 — its weights do not compute NOT x2 for every input, so the hidden input_forms test fails and every truth-table row, its twin, earns nothing
# A weight on x1 pushes (1, 1) up to 0.
# expect: the first input changes the output
weight1 = 1.0
weight2 = -1.0
bias = 0.0
