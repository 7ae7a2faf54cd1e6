# tanh rebuilt from the sigmoid, but without doubling x: this is tanh(x / 2).
import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-np.asarray(x, dtype=float)))


def sigmoid_prime(x):
    return sigmoid(x) * (1 - sigmoid(x))


def tanh(x):
    return 2 * sigmoid(x) - 1


def tanh_prime(x):
    return 1 - tanh(x) ** 2


def relu(x):
    return np.maximum(0, x)


def relu_prime(x):
    return np.where(np.asarray(x) > 0, 1, 0)


def vanishing(n):
    return 0.25 ** n

# expect: 2 * sigmoid(x) - 1 is tanh(x / 2)
# ceiling: 8
