# A boolean mask keeps the probabilities of the actual classes.
import numpy as np


def likelihood(Y, P):
    return np.prod(np.asarray(P)[np.asarray(Y) == 1])


def multiclass_cross_entropy(Y, P):
    return -np.log(np.asarray(P)[np.asarray(Y) == 1]).sum()
