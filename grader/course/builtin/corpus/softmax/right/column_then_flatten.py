import numpy as np


def softmax(L):
    column = np.exp(np.reshape(L, (-1, 1)))
    return (column / column.sum(axis=0, keepdims=True)).ravel()
