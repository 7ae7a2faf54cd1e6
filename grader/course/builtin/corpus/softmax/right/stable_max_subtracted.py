import numpy as np


def softmax(L):
    scores = np.asarray(L, dtype=float)
    shifted = np.exp(scores - scores.max())
    return shifted / shifted.sum()
