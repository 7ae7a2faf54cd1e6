# ceiling: 0 — its weights do not compute NOT x2 for every input, so the hidden input_forms test fails and every truth-table row, its twin, earns nothing
# Reads the step as "> 0": for x2 = 1 the sum is exactly 0, which already outputs 1.
# expect: the output is always 1
# expect: the step is >= 0, not > 0
weight1 = 0.0
weight2 = -1.0
bias = 1.0
