# A mean over every entry, scaled back up to the sum; math.prod over the record probabilities.
import math

import numpy as np


def likelihood(Y, P):
    return math.prod(float(np.dot(y, p)) for y, p in zip(Y, P))


def multiclass_cross_entropy(Y, P):
    terms = np.asarray(Y) * np.log(np.asarray(P))
    return -np.mean(terms) * terms.size
