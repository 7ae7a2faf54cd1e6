# ceiling: 0 — its weights do not compute OR for every input, so the hidden input_forms test fails and every truth-table row, its twin, earns nothing
# expect: `bias` is the text '-1'. A number is written without quotes
weight1 = 1.0
weight2 = 1.0
bias = "-1"
