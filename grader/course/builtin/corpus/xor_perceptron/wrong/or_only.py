# ceiling: 0 — its network does not compute XOR for every input, so the hidden random_batch test fails and every truth-table row, its twin, earns nothing
# Two OR units and an output that repeats the first: XOR built as OR only.
# expect: the network computes OR: (1, 1) must give 0 too
# expect: Your hidden unit 1 computes OR, and hidden unit 2 computes OR. They must differ
hidden_weights = [[1.0, 1.0], [1.0, 1.0]]
hidden_bias = [-1.0, -1.0]
output_weights = [1.0, 0.0]
output_bias = -1.0
