# ceiling: 0 — its network does not compute XOR for every input, so the hidden random_batch test fails and every truth-table row, its twin, earns nothing
import numpy as np

# expect: `output_weights` has shape (2, 1)
# expect: Write it as a flat list of two numbers
hidden_weights = np.array([[1.0, 1.0], [-1.0, -1.0]])
hidden_bias = np.array([-1.0, 1.5])
output_weights = np.array([[1.0], [1.0]])
output_bias = -2.0
