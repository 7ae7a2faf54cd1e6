import numpy as np

weight1 = np.float64(0.5)
weight2 = np.int64(1)
bias = np.float32(-0.25)
