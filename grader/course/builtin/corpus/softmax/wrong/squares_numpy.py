# ceiling: 0 — must fail every test: each random twin fails, so no example counts
import numpy as np


def softmax(L):
    squares = np.square(L)
    return squares / np.sum(squares)

# expect: exp is not squaring
