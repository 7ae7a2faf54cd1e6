# axis=0: one sum per class instead of one per record.
import numpy as np


def likelihood(Y, P):
    return np.prod(np.sum(np.multiply(Y, P), axis=0))


def multiclass_cross_entropy(Y, P):
    return -np.sum(np.multiply(Y, np.log(P)))

# expect: you summed down the columns (axis=0)
# ceiling: 7
