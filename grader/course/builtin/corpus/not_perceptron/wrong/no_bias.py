# ceiling: 0 — its weights do not compute NOT x2 for every input, so the hidden input_forms test fails and every truth-table row, its twin, earns nothing
# expect: Your file does not define `bias`
weight1 = 0.0
weight2 = -2.0
