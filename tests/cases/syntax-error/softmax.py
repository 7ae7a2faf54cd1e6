import numpy as np


def softmax(L)
    expL = np.exp(L)
    return expL / np.sum(expL)
