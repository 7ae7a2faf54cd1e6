import numpy as np


def cross_entropy(Y, P):
    terms = [y * np.log(p) + (1 - y) * np.log(1 - p) for y, p in zip(Y, P)]
    return -np.sum(terms)
