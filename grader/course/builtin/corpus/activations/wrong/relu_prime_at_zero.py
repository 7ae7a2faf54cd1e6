# relu_prime with >=: 1 at x = 0, where it should be 0.
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
    return np.maximum(0, x)


def relu_prime(x):
    return (np.asarray(x) >= 0).astype(float)


def vanishing(n):
    return 0.25 ** n

# expect: relu_prime(0) must be 0: use x > 0, not x >= 0
# ceiling: 12
