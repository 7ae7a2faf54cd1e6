import numpy as np


def cross_entropy(Y, P):
    return -np.sum(Y * np.log(P) + (1 - Y) * np.log(1 - P))

# expect: Python lists do not do arithmetic element by element
