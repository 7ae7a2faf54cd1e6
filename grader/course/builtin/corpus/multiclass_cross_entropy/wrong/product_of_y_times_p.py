# np.prod over every entry of Y * P, zeros included.
import numpy as np


def likelihood(Y, P):
    return np.prod(np.asarray(Y) * np.asarray(P))


def multiclass_cross_entropy(Y, P):
    return -np.sum(np.asarray(Y) * np.log(P))

# expect: np.prod(Y * P) multiplies the zeros of Y too
# ceiling: 7
