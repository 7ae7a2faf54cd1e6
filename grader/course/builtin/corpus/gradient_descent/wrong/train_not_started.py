# ceiling: 8 — must fail train_example and train
"""The four functions right, and train still as the stub has it: it is graded like the others,
so it costs its two points."""

import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def output_formula(features, weights, bias):
    return sigmoid(np.matmul(features, weights) + bias)


def error_formula(y, output):
    return - y*np.log(output) - (1 - y) * np.log(1-output)


def update_weights(x, y, weights, bias, learnrate):
    output = output_formula(x, weights, bias)
    d_error = -(y - output)
    weights -= learnrate * d_error * x
    bias -= learnrate * d_error
    return weights, bias


def train(features, targets, epochs, learnrate):
    raise NotImplementedError
