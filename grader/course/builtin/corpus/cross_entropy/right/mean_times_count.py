import numpy as np


def cross_entropy(Y, P):
    Y = np.asarray(Y, dtype=float)
    P = np.asarray(P, dtype=float)
    return -len(Y) * np.mean(Y * np.log(P) + (1 - Y) * np.log(1 - P))
