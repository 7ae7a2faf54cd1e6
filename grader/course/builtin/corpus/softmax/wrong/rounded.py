# ceiling: 0 — must fail every test: each random twin fails, so no example counts
import numpy as np


def softmax(L):
    expL = np.exp(L)
    return np.round(expL / expL.sum(), 3)

# expect: are you rounding them?
