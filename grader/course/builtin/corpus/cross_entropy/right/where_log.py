import numpy as np


def cross_entropy(Y, P):
    Y = np.array(Y)
    P = np.array(P, dtype=float)
    return -np.log(np.where(Y == 1, P, 1 - P)).sum()
