# ceiling: 0 — must fail every test: each random twin fails, so no example counts
import numpy as np


def softmax(L):
    return np.exp(L) / np.exp(np.sum(L))

# expect: you divided by exp(sum(L)); divide by sum(exp(L))
