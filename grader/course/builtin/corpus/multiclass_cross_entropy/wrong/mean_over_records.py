# The mean cross entropy per record (what many libraries report), not the course's sum.
import numpy as np


def likelihood(Y, P):
    return np.prod(np.sum(np.asarray(Y) * np.asarray(P), axis=1))


def multiclass_cross_entropy(Y, P):
    Y = np.asarray(Y, dtype=float)
    P = np.asarray(P, dtype=float)
    return -np.mean(np.sum(Y * np.log(P), axis=1))

# expect: you took the mean over the records
# ceiling: 2
