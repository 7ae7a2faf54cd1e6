import numpy as np


def softmax(L):
    total = np.float64(0)
    for x in L:
        total += np.exp(np.float64(x))
    return [np.float64(np.exp(x) / total) for x in L]
