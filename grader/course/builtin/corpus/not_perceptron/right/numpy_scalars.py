import numpy as np

weight1 = np.float32(0)
weight2 = np.float64(-1.5)
bias = np.int64(1)
