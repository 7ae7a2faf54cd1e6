# Python's max compares the whole array (or list) with 0 at once.
import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-np.asarray(x, dtype=float)))


def sigmoid_prime(x):
    return sigmoid(x) * (1 - sigmoid(x))


def tanh(x):
    return np.tanh(x)


def tanh_prime(x):
    return 1 - np.tanh(x) ** 2


def relu(x):
    return max(0, x)


def relu_prime(x):
    return np.where(np.asarray(x) > 0, 1, 0)


def vanishing(n):
    return 0.25 ** n

# expect: a Python list cannot be compared with a number
# ceiling: 12
