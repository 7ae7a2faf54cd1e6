import numpy as np


def cross_entropy(Y, P):
    Y = np.asarray(Y, dtype=np.float64)
    P = np.asarray(P, dtype=np.float64)
    return float(-np.sum(Y * np.log(P) + (1 - Y) * np.log(1 - P)))
