# ceiling: 8 — must fail train_example and train
"""`return` inside the epochs loop."""
# expect: only one epoch was run

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
    n_records, n_features = features.shape
    weights = np.random.normal(scale=1 / n_features**.5, size=n_features)
    bias = 0
    for _ in range(epochs):
        for x, y in zip(features, targets, strict=True):
            weights, bias = update_weights(x, y, weights, bias, learnrate)
        return weights, bias
