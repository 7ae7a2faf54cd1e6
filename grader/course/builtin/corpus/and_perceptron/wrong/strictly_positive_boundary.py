# ceiling: 0 — its weights do not compute AND for every input, so the hidden input_forms test fails and every truth-table row, its twin, earns nothing
# Reads the step as "> 0": with bias -1, the sums for (0, 1) and (1, 0) are exactly 0.
# expect: this is OR: the bias must be lower
# expect: the step is >= 0, not > 0
# expect: Lower the bias a little, so that those sums fall below 0
# never: bias = -
weight1 = 1
weight2 = 1
bias = -1
