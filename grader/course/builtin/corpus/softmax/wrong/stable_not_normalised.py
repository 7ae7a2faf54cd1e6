# ceiling: 0 — must fail every test: each random twin fails, so no example counts
import numpy as np


def softmax(L):
    L = np.asarray(L, dtype=float)
    return np.exp(L - L.max())

# expect: these are exp(L - max(L)), the exponentials divided by the largest one
