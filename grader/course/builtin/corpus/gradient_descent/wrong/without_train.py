# ceiling: 8 — must fail train_example and train
"""The four functions and no train at all: leaving a part out never pays, so train's two points
are lost and the maximum stays 10."""

import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def output_formula(features, weights, bias):
    return sigmoid(features @ weights + bias)


def error_formula(y, output):
    return -y * np.log(output) - (1 - y) * np.log(1 - output)


def update_weights(x, y, weights, bias, learnrate):
    output = output_formula(x, weights, bias)
    weights += learnrate * (y - output) * x
    bias += learnrate * (y - output)
    return weights, bias
