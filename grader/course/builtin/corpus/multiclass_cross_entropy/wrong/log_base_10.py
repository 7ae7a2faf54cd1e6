import numpy as np


def likelihood(Y, P):
    Y = np.asarray(Y, dtype=float)
    P = np.asarray(P, dtype=float)
    return np.prod(np.sum(Y * P, axis=1))


def multiclass_cross_entropy(Y, P):
    Y = np.asarray(Y, dtype=float)
    P = np.asarray(P, dtype=float)
    return -np.sum(Y * np.log10(P))

# expect: log base 10? Use the natural log
# ceiling: 2
