# ceiling: 0 — its weights do not compute AND for every input, so the hidden input_forms test fails and every truth-table row, its twin, earns nothing
# The bias was never filled in.
# expect: `bias` is None. Set it to a number
weight1 = 1.0
weight2 = 1.0
bias = None
