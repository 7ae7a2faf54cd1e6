import numpy as np


def soft_max(L):
    return np.exp(L) / np.sum(np.exp(L))
