# A correct softmax that makes NumPy raise on every floating-point problem, reseeds the global
# random state and prints with two decimals.
import random

import numpy as np

np.seterr(all="raise")
np.set_printoptions(precision=2, suppress=True)
np.random.seed(0)
random.seed(0)


def softmax(L):
    np.random.seed(123)
    np.random.rand(100)
    random.random()
    L = np.asarray(L, dtype=float)
    expL = np.exp(L - np.max(L))
    return expL / np.sum(expL)
