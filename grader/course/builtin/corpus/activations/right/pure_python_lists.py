# No NumPy in the answers: math on each number, lists (or nested lists) rebuilt by recursion.
import math

import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-np.asarray(x, dtype=float)))


def each(function, x):
    if hasattr(x, "tolist"):
        x = x.tolist()
    if isinstance(x, list):
        return [each(function, item) for item in x]
    return function(x)


def sigmoid_prime(x):
    def one(v):
        s = 1 / (1 + math.exp(-v))
        return s * (1 - s)
    return each(one, x)


def tanh(x):
    return each(math.tanh, x)


def tanh_prime(x):
    return each(lambda v: 1 - math.tanh(v) ** 2, x)


def relu(x):
    return each(lambda v: v if v > 0 else 0.0, x)


def relu_prime(x):
    return each(lambda v: 1 if v > 0 else 0, x)


def vanishing(n):
    factor = 1.0
    for _ in range(n):
        factor *= sigmoid_prime(0.0)
    return factor
