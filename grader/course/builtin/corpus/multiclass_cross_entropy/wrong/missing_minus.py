import numpy as np


def likelihood(Y, P):
    return np.prod(np.sum(np.asarray(Y) * np.asarray(P), axis=1))


def multiclass_cross_entropy(Y, P):
    return np.sum(np.asarray(Y) * np.log(P))

# expect: the minus sign is missing
# ceiling: 2
