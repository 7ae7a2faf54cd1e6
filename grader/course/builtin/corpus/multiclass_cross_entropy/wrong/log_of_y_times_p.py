# The log of Y * P: ln(0) for every class a record does not have.
import numpy as np


def likelihood(Y, P):
    Y = np.asarray(Y, dtype=float)
    P = np.asarray(P, dtype=float)
    return np.prod(np.sum(Y * P, axis=1))


def multiclass_cross_entropy(Y, P):
    Y = np.asarray(Y, dtype=float)
    P = np.asarray(P, dtype=float)
    return -np.sum(np.log(Y * P))

# expect: ln(0) is -inf
# ceiling: 2
