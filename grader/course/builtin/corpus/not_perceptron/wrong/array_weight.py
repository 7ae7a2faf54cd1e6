# ceiling: 0 — its weights do not compute NOT x2 for every input, so the hidden input_forms test fails and every truth-table row, its twin, earns nothing
import numpy as np

# expect: `weight2` is a NumPy array of shape (1,)
# expect: it must be one number, without brackets
weight1 = 0.0
weight2 = np.array([-2.0])
bias = 1.0
