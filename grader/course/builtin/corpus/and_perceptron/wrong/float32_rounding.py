# ceiling: 0 — its weights do not compute AND for every input, so the hidden input_forms test fails and every truth-table row, its twin, earns nothing
# Right in the quiz's table only by luck: in float32, 0.1 + 0.2 - 0.3 rounds to exactly 0, but
# with NumPy integer inputs the sum is computed in float64 and falls just below 0.
# expect: your perceptron's output changes: one of its sums is within rounding error of 0
import numpy as np

weight1 = np.float32(0.1)
weight2 = np.float32(0.2)
bias = np.float32(-0.3)
