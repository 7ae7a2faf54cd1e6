"""The course's functions plus a notebook-style train that also prints the loss."""

import numpy as np


def sigmoid(x):
    return np.exp(-np.logaddexp(0, -x))


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
    last_loss = None
    weights = np.random.normal(scale=1 / n_features**.5, size=n_features)
    bias = 0
    for e in range(epochs):
        for x, y in zip(features, targets):
            weights, bias = update_weights(x, y, weights, bias, learnrate)
        out = output_formula(features, weights, bias)
        loss = np.mean(error_formula(targets, out))
        if e % (epochs / 10) == 0:
            print("\n========== Epoch", e, "==========")
            if last_loss and last_loss < loss:
                print("Train loss: ", loss, "  WARNING - Loss Increasing")
            else:
                print("Train loss: ", loss)
            last_loss = loss
            predictions = out > 0.5
            accuracy = np.mean(predictions == targets)
            print("Accuracy: ", accuracy)
    return weights, bias
