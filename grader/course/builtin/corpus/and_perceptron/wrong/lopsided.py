# ceiling: 0 — its weights do not compute AND for every input, so the hidden input_forms test fails and every truth-table row, its twin, earns nothing
# weight1 alone is enough to reach 0.
# expect: the output copies the first input
weight1 = 2.0
weight2 = 1.0
bias = -1.5
