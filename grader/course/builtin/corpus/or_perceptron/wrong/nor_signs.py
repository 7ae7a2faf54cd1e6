# ceiling: 0 — its weights do not compute OR for every input, so the hidden input_forms test fails and every truth-table row, its twin, earns nothing
# All three signs flipped: this is NOR.
# expect: this is NOR, the opposite of OR
weight1 = -1.0
weight2 = -1.0
bias = 0.5
