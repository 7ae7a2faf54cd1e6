# The binary cross entropy, applied to every class.
import numpy as np


def likelihood(Y, P):
    Y = np.asarray(Y, dtype=float)
    P = np.asarray(P, dtype=float)
    return np.prod(np.sum(Y * P, axis=1))


def multiclass_cross_entropy(Y, P):
    Y = np.asarray(Y, dtype=float)
    P = np.asarray(P, dtype=float)
    return -np.sum(Y * np.log(P) + (1 - Y) * np.log(1 - P))

# expect: that is the binary cross entropy
# ceiling: 2
