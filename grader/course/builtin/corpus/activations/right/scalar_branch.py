# Numbers and sequences handled separately: floats for a number, lists for a list.
import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-np.asarray(x, dtype=float)))


def element_wise(function):
    def apply(x):
        result = function(np.asarray(x, dtype=float))
        if np.ndim(x) == 0:
            return float(result)
        return result.tolist() if isinstance(x, list) else result
    return apply


@element_wise
def sigmoid_prime(x):
    return sigmoid(x) * (1 - sigmoid(x))


@element_wise
def tanh(x):
    return np.tanh(x)


@element_wise
def tanh_prime(x):
    return 1 - np.tanh(x) ** 2


@element_wise
def relu(x):
    return np.where(x > 0, x, 0.0)


@element_wise
def relu_prime(x):
    return np.where(x > 0, 1.0, 0.0)


def vanishing(n):
    peak = max(sigmoid_prime(np.linspace(-5, 5, 1001)))
    return peak ** n
