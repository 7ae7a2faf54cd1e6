# ceiling: 0 — its weights do not compute OR for every input, so the hidden input_forms test fails and every truth-table row, its twin, earns nothing
# expect: `weight2` is inf
# expect: 0 * inf is nan
weight1 = 1.0
weight2 = float("inf")
bias = -1.0
