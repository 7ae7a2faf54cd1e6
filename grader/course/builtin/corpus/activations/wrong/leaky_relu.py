# A leaky relu (as in many libraries), where the course's relu is exactly 0 below 0.
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
    return np.where(x > 0, x, 0.01 * x)


def relu_prime(x):
    return np.where(np.asarray(x) > 0, 1.0, 0.01)


def vanishing(n):
    return 0.25 ** n

# expect: that is a leaky relu
# expect: that is a leaky relu's derivative
# ceiling: 10
