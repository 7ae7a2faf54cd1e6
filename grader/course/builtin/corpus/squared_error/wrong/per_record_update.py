"""Updates the weights after every record: stochastic, not batch, gradient descent."""
# expect: the weights change after every record
# ceiling: 5

import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def sse(y, y_hat):
    y, y_hat = np.asarray(y, dtype=float), np.asarray(y_hat, dtype=float)
    return 0.5 * np.sum((y - y_hat) ** 2)


def mse(y, y_hat):
    y, y_hat = np.asarray(y, dtype=float), np.asarray(y_hat, dtype=float)
    return np.sum((y - y_hat) ** 2) / (2 * len(y))



def train_epoch(features, targets, weights, learnrate):
    n_records = features.shape[0]
    for x, y in zip(features, targets):
        output = sigmoid(np.dot(x, weights))
        error_term = (y - output) * output * (1 - output)
        weights = weights + learnrate * error_term * x / n_records
    return weights



def train(features, targets, weights, epochs, learnrate):
    losses = []
    for _ in range(epochs):
        weights = train_epoch(features, targets, weights, learnrate)
        losses.append(mse(targets, sigmoid(np.dot(features, weights))))
    return weights, losses

