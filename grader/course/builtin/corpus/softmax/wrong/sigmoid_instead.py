# ceiling: 0 — must fail every test: each random twin fails, so no example counts
# The section before softmax is about the sigmoid, so this learner reuses it.
import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def softmax(L):
    return sigmoid(np.array(L))

# expect: that is the sigmoid of each score
