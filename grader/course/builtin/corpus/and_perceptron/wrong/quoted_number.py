# ceiling: 0 — its weights do not compute AND for every input, so the hidden input_forms test fails and every truth-table row, its twin, earns nothing
# The number in quotes is text.
# expect: `weight1` is the text '1.0'. A number is written without quotes
weight1 = "1.0"
weight2 = 1.0
bias = -2.0
