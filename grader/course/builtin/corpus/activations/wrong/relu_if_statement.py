# An if statement asks about the whole array at once.
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
    x = np.asarray(x, dtype=float)
    if x > 0:
        return x
    return 0 * x


def relu_prime(x):
    return np.where(np.asarray(x) > 0, 1, 0)


def vanishing(n):
    return 0.25 ** n

# expect: asks one question about a whole array
# ceiling: 12
