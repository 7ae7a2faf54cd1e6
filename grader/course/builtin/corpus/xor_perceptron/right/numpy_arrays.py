import numpy as np

hidden_weights = np.array([[1.0, 1.0], [-1.0, -1.0]])
hidden_bias = np.array([-1.0, 1.5])
output_weights = np.array([1.0, 1.0])
output_bias = np.float64(-2.0)
