# ceiling: 0 — its weights do not compute OR for every input, so the hidden input_forms test fails and every truth-table row, its twin, earns nothing
# True is a truth value, not a weight.
# expect: `weight1` is True, a True/False value
weight1 = True
weight2 = 1.0
bias = -1.0
