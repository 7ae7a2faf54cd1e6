# ceiling: 0 — its weights do not compute AND for every input, so the hidden input_forms test fails and every truth-table row, its twin, earns nothing
# One number in brackets is a list.
# expect: `weight2` is a list ([1.0]); it must be one number, without brackets.
weight1 = 1.0
weight2 = [1.0]
bias = -2.0
