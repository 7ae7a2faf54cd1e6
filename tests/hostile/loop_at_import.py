# An endless loop at the top level: the import never finishes.
# verdict: error
# score: 0
# expect: took longer than
import numpy as np

while True:
    pass


def softmax(L):
    expL = np.exp(L)
    return expL / np.sum(expL)
