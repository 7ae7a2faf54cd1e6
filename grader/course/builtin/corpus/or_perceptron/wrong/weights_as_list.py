# ceiling: 0 — its weights do not compute OR for every input, so the hidden input_forms test fails and every truth-table row, its twin, earns nothing
# Both weights in one list under another name.
# expect: Your file does not define `weight1`
weights = [1.0, 1.0]
bias = -1.0
