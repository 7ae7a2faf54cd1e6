# The derivative forgotten: sigmoid_prime returns the sigmoid, so vanishing uses 0.5.
import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-np.asarray(x, dtype=float)))


def sigmoid_prime(x):
    return sigmoid(x)


def tanh(x):
    return np.tanh(x)


def tanh_prime(x):
    return 1 - np.tanh(x) ** 2


def relu(x):
    return np.maximum(0, x)


def relu_prime(x):
    return np.where(np.asarray(x) > 0, 1, 0)


def vanishing(n):
    return sigmoid_prime(0) ** n

# expect: that is the sigmoid itself
# expect: 0.5 is sigmoid(0), the output
# ceiling: 10
