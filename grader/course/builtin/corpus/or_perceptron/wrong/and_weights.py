# ceiling: 0 — its weights do not compute OR for every input, so the hidden input_forms test fails and every truth-table row, its twin, earns nothing
# The course's AND answer handed in for OR.
# expect: this is AND: only (1, 1) reaches 0
weight1 = 1.0
weight2 = 1.0
bias = -2
