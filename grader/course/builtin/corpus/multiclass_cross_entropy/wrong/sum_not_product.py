# Adds the records' probabilities instead of multiplying them.
import numpy as np


def likelihood(Y, P):
    return np.sum(np.asarray(Y) * np.asarray(P))


def multiclass_cross_entropy(Y, P):
    return -np.sum(np.asarray(Y) * np.log(P))

# expect: you added the records' probabilities
# ceiling: 7
