import numpy as np


def softmax(L):
    expL = np.exp(L)
    return expL / len(L)

# expect: you divided by the number of scores, len(L)
