# Equivalent formulas: tanh from the sigmoid of 2x, sech squared, relu as x * (x > 0).
import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-np.asarray(x, dtype=float)))


def sigmoid_prime(x):
    x = np.asarray(x, dtype=float)
    return np.exp(-x) / (1 + np.exp(-x)) ** 2


def tanh(x):
    x = np.asarray(x, dtype=float)
    with np.errstate(over="ignore"):
        return 2 / (1 + np.exp(-2 * x)) - 1


def tanh_prime(x):
    with np.errstate(over="ignore"):
        return 1 / np.cosh(np.asarray(x, dtype=float)) ** 2


def relu(x):
    x = np.asarray(x, dtype=float)
    return x * (x > 0)


def relu_prime(x):
    return np.heaviside(x, 0)


def vanishing(n):
    return 4.0 ** -n
