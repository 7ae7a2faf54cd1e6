# Multiplies Python lists: fine for arrays, a TypeError for lists of lists.
import numpy as np


def likelihood(Y, P):
    return np.prod([sum(y * p) for y, p in zip(Y, P)])


def multiclass_cross_entropy(Y, P):
    return -np.sum(np.asarray(Y) * np.log(P))

# expect: Python lists do not do arithmetic element by element
# ceiling: 8
