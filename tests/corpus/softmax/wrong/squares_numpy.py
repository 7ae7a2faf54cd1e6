import numpy as np


def softmax(L):
    squares = np.square(L)
    return squares / np.sum(squares)

# expect: exp is not squaring
