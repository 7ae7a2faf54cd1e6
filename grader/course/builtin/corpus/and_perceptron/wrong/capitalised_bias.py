# ceiling: 0 — its weights do not compute AND for every input, so the hidden input_forms test fails and every truth-table row, its twin, earns nothing
# The name is case-sensitive.
# expect: Your file does not define `bias`. It defines `Bias`: rename it to `bias`.
weight1 = 1.0
weight2 = 1.0
Bias = -2.0
