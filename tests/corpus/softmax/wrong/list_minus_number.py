import numpy as np


def softmax(L):
    shifted = L - max(L)
    expL = np.exp(shifted)
    return expL / expL.sum()

# expect: Python lists do not do arithmetic element by element
