"""The gradient of gradient_descent's log-loss, without the sigmoid's derivative."""
# expect: the error term is missing the sigmoid's derivative
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
    del_w = np.zeros(weights.shape)
    for x, y in zip(features, targets):
        output = sigmoid(np.dot(x, weights))
        error_term = y - output
        del_w += error_term * x
    return weights + learnrate * del_w / n_records



def train(features, targets, weights, epochs, learnrate):
    losses = []
    for _ in range(epochs):
        weights = train_epoch(features, targets, weights, learnrate)
        losses.append(mse(targets, sigmoid(np.dot(features, weights))))
    return weights, losses

