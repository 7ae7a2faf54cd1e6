# 1 - x**2 is the derivative written with tanh's output, applied to the input.
import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-np.asarray(x, dtype=float)))


def sigmoid_prime(x):
    return sigmoid(x) * (1 - sigmoid(x))


def tanh(x):
    return np.tanh(x)


def tanh_prime(x):
    x = np.asarray(x, dtype=float)
    return 1 - x ** 2


def relu(x):
    return np.maximum(0, x)


def relu_prime(x):
    return np.where(np.asarray(x) > 0, 1, 0)


def vanishing(n):
    return 0.25 ** n

# expect: 1 - x**2 uses x itself
# ceiling: 12
