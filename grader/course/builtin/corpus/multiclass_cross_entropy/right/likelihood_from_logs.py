# The likelihood as exp(-cross entropy): the same number, computed from the logs.
import numpy as np


def multiclass_cross_entropy(Y, P):
    Y = np.array(Y, dtype=np.float64)
    P = np.array(P, dtype=np.float64)
    return -(Y * np.log(P)).sum()


def likelihood(Y, P):
    return np.exp(-multiclass_cross_entropy(Y, P))
