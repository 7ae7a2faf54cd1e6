# ceiling: 0 — its weights do not compute OR for every input, so the hidden input_forms test fails and every truth-table row, its twin, earns nothing
# Reads the step as "> 0": with no bias, (0, 0) sums to exactly 0 and already outputs 1.
# expect: the output is always 1
# expect: the step is >= 0, not > 0
# expect: Lower the bias a little, so that those sums fall below 0
# never: bias = -
weight1 = 1.0
weight2 = 1.0
bias = 0.0
