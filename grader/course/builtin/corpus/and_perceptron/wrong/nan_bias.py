# ceiling: 0 — its weights do not compute AND for every input, so the hidden input_forms test fails and every truth-table row, its twin, earns nothing
# expect: `bias` is nan
# expect: every comparison with nan is False
weight1 = 1.0
weight2 = 1.0
bias = float("nan")
