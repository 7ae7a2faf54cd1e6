"""np.dot, new arrays instead of in-place updates, and train with np.random.randn."""

import numpy as np


def sigmoid(x):
    return np.reciprocal(1.0 + np.exp(-np.asarray(x, dtype=float)))


def output_formula(features, weights, bias):
    return sigmoid(np.dot(features, weights) + bias)


def error_formula(y, output):
    y = np.asarray(y, dtype=float)
    output = np.asarray(output, dtype=float)
    return -(y * np.log(output) + (1.0 - y) * np.log(1.0 - output))


def update_weights(x, y, weights, bias, learnrate):
    gradient = output_formula(x, weights, bias) - y
    new_weights = weights - learnrate * gradient * x
    new_bias = bias - learnrate * gradient
    return new_weights, new_bias


def train(features, targets, epochs, learnrate):
    n_features = features.shape[1]
    weights = np.random.randn(n_features) / np.sqrt(n_features)
    bias = 0.0
    for epoch in range(epochs):
        for i in range(len(features)):
            weights, bias = update_weights(features[i], targets[i], weights, bias, learnrate)
    return weights, bias
