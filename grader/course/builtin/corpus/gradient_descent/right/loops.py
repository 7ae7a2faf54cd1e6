"""Element-wise loops written out by hand, train included."""

import math

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=float)
    flat = [math.exp(v) / (1 + math.exp(v)) if v < 0 else 1 / (1 + math.exp(-v))
            for v in x.ravel()]
    return np.array(flat).reshape(x.shape)


def output_formula(features, weights, bias):
    features = np.asarray(features, dtype=float)
    if features.ndim == 1:
        score = sum(f * w for f, w in zip(features, weights)) + bias
        return sigmoid(score)
    return np.array([output_formula(row, weights, bias) for row in features])


def error_formula(y, output):
    y, output = np.broadcast_arrays(np.asarray(y, dtype=float), np.asarray(output, dtype=float))
    errors = [-a * math.log(p) - (1 - a) * math.log(1 - p)
              for a, p in zip(y.ravel(), output.ravel())]
    return np.array(errors).reshape(y.shape)


def update_weights(x, y, weights, bias, learnrate):
    output = output_formula(x, weights, bias)
    d_error = -(y - output)
    for i in range(len(weights)):
        weights[i] = weights[i] - learnrate * d_error * x[i]
    bias = bias - learnrate * d_error
    return weights, bias


def train(features, targets, epochs, learnrate):
    n_features = len(features[0])
    weights = np.random.normal(scale=1 / n_features**.5, size=n_features)
    bias = 0
    for _ in range(epochs):
        for i in range(len(features)):
            weights, bias = update_weights(features[i], targets[i], weights, bias, learnrate)
    return weights, bias
