# x * (1 - x) is the derivative in terms of the sigmoid's output, applied to the input.
import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-np.asarray(x, dtype=float)))


def sigmoid_prime(x):
    x = np.asarray(x, dtype=float)
    return x * (1 - x)


def tanh(x):
    return np.tanh(x)


def tanh_prime(x):
    return 1 - np.tanh(x) ** 2


def relu(x):
    return np.maximum(0, x)


def relu_prime(x):
    return np.where(np.asarray(x) > 0, 1, 0)


def vanishing(n):
    return 0.25 ** n

# expect: x * (1 - x) uses x itself
# ceiling: 12
