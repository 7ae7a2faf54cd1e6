# Cross entropy as -log(likelihood): right until the product underflows to 0.0.
import numpy as np


def likelihood(Y, P):
    Y = np.asarray(Y, dtype=float)
    P = np.asarray(P, dtype=float)
    return np.prod(np.sum(Y * P, axis=1))


def multiclass_cross_entropy(Y, P):
    return -np.log(likelihood(Y, P))

# expect: add up the logs instead
# ceiling: 8
