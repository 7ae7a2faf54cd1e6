# ceiling: 0 — must fail every test: each random twin fails, so no example counts
import numpy as np


def softmax(L):
    return np.exp(L)

# expect: not divided by their sum, so they do not add up to 1
