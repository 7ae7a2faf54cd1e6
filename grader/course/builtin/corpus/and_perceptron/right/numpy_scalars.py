# NumPy scalars and a 0-d array.
import numpy as np

weight1 = np.float64(0.5)
weight2 = np.float32(0.5)
bias = np.array(-0.75)
