# tanh written from its definition: e^x overflows for large x, and inf / inf is nan.
import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-np.asarray(x, dtype=float)))


def sigmoid_prime(x):
    return sigmoid(x) * (1 - sigmoid(x))


def tanh(x):
    x = np.asarray(x, dtype=float)
    return (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))


def tanh_prime(x):
    return 1 - np.tanh(x) ** 2


def relu(x):
    return np.maximum(0, x)


def relu_prime(x):
    return np.where(np.asarray(x) > 0, 1.0, 0.0)


def vanishing(n):
    return 0.25 ** n

# expect: e^x overflows to inf for x above 709.78
# ceiling: 14
