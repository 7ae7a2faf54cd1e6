"""Activation functions: tanh and relu, their derivatives, and why deep sigmoid networks stall.

Backpropagation multiplies the error by the derivative of every activation it passes through.
The sigmoid's derivative, sigmoid(x) * (1 - sigmoid(x)), is at most 0.25 (at x = 0), so each
sigmoid layer shrinks the gradient by a factor of 4 or more: after n layers it is at most
0.25 ** n of what it was, and the first layers barely learn. That is the vanishing gradient.
(The course text blames getting stuck in a local minimum, which is a different problem, and
calls epochs the step size: an epoch is one pass through the training data, and the size of
each step is set by the learning rate.) Other activations keep more of the gradient:

    tanh(x)       = (e^x - e^-x) / (e^x + e^-x), between -1 and 1
    tanh_prime(x) = 1 - tanh(x)**2               (1 at x = 0)
    relu(x)       = max(0, x), element-wise      x itself when positive, else 0 (np.maximum)
    relu_prime(x) = 1 where x > 0, else 0        (relu_prime(0) is 0)

Write them, and sigmoid_prime(x), so that each works element by element on a number, a list or
a NumPy array (1-D or 2-D) and returns a number or an array of the input's shape (a list may
give a list). Careful: the formula above for tanh computes e^1000, which overflows to inf, and
inf / inf is nan; tanh(1000.0) must be 1.0 (np.tanh gets this right).

Then write vanishing(n): the largest factor by which n stacked sigmoid units can scale a
gradient, the maximum of sigmoid_prime to the power n.

Check your work with:  grader check activations.py
"""

import numpy as np


def sigmoid(x):
    """The sigmoid (given): element by element, on a number, a list or an array."""
    return 1 / (1 + np.exp(-np.asarray(x, dtype=float)))


def sigmoid_prime(x):
    raise NotImplementedError


def tanh(x):
    raise NotImplementedError


def tanh_prime(x):
    raise NotImplementedError


def relu(x):
    raise NotImplementedError


def relu_prime(x):
    raise NotImplementedError


def vanishing(n):
    raise NotImplementedError


if __name__ == "__main__":
    x = np.array([-2.0, -0.5, 0.0, 0.5, 2.0])
    for function in (sigmoid_prime, tanh, tanh_prime, relu, relu_prime):
        print(function.__name__, function(x))
    for layers in (1, 2, 5, 10):
        print(f"{layers} sigmoid layers keep at most {vanishing(layers):.2e} of the gradient")
