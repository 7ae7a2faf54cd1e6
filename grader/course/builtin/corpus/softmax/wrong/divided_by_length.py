# ceiling: 0 — must fail every test: each random twin fails, so no example counts
import numpy as np


def softmax(L):
    expL = np.exp(L)
    return expL / len(L)

# expect: you divided by the number of scores, len(L)
