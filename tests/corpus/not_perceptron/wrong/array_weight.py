import numpy as np

# expect: `weight2` is a NumPy array of shape (1,)
# expect: it must be one number, without brackets
weight1 = 0.0
weight2 = np.array([-2.0])
bias = 1.0
