# Unequal weights inside each unit (row i = hidden unit i), in float32.
import numpy as np

hidden_weights = np.array([[2.0, 1.0], [-1.0, -2.0]], dtype=np.float32)
hidden_bias = np.array([-1.0, 2.5], dtype=np.float32)
output_weights = np.array([1.0, 1.0], dtype=np.float32)
output_bias = np.float32(-2.0)
