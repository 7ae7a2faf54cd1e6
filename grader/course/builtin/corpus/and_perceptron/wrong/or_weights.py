# ceiling: 0 — its weights do not compute AND for every input, so the hidden input_forms test fails and every truth-table row, its twin, earns nothing
# The OR answer handed in for AND: (0, 1) and (1, 0) already reach 0.
# expect: this is OR: the bias must be lower
weight1 = 1.0
weight2 = 1.0
bias = -0.5
