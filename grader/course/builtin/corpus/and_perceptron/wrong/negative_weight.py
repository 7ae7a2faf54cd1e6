# ceiling: 0 — its weights do not compute AND for every input, so the hidden input_forms test fails and every truth-table row, its twin, earns nothing
# weight1 negative: (1, 0) and (1, 1) both stay below 0, but (0, 1) fires.
# expect: weight1 pulls the sum down
weight1 = -1.0
weight2 = 2.0
bias = -1.5
