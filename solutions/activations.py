"""Reference solution: activations and their derivatives, element-wise with NumPy."""

import numpy as np


def sigmoid(x):
    """The sigmoid (given): element by element, on a number, a list or an array."""
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
    return (np.asarray(x) > 0).astype(float)


def vanishing(n):
    return sigmoid_prime(0.0) ** n


if __name__ == "__main__":
    x = np.array([-2.0, -0.5, 0.0, 0.5, 2.0])
    for function in (sigmoid_prime, tanh, tanh_prime, relu, relu_prime):
        print(function.__name__, function(x))
    for layers in (1, 2, 5, 10):
        print(f"{layers} sigmoid layers keep at most {vanishing(layers):.2e} of the gradient")
