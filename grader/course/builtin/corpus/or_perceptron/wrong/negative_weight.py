# ceiling: 0 — its weights do not compute OR for every input, so the hidden input_forms test fails and every truth-table row, its twin, earns nothing
# A minus sign slipped onto weight2.
# expect: weight2 pulls the sum down
# expect: OR needs positive weights
weight1 = 1.0
weight2 = -1.0
bias = -1.0
