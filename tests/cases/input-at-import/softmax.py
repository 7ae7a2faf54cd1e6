import numpy as np

scores = input("Scores: ")


def softmax(L):
    return np.exp(L) / np.sum(np.exp(L))
