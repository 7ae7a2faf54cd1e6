# Copies the input into a float array, then changes the copy in place; relu_prime as bools.
import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-np.asarray(x, dtype=float)))


def sigmoid_prime(x):
    s = sigmoid(x)
    s *= 1 - s
    return s


def tanh(x):
    out = np.array(x, dtype=float)
    np.tanh(out, out=out)
    return out


def tanh_prime(x):
    out = tanh(x)
    out **= 2
    np.subtract(1, out, out=out)
    return out


def relu(x):
    out = np.array(x, dtype=float)
    out[out < 0] = 0
    return out


def relu_prime(x):
    return np.asarray(x) > 0


def vanishing(n):
    return np.prod(np.full(n, sigmoid_prime(0.0)))
