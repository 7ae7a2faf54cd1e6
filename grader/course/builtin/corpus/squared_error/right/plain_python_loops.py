"""Plain Python: math.exp, lists and index loops; the weights come back as a list."""

import math


def sigmoid(x):
    return 1 / (1 + math.exp(-x))


def _rows(values):
    return [list(row) if hasattr(row, "__len__") else [row] for row in values]


def sse(y, y_hat):
    total = 0.0
    for row, row_hat in zip(_rows(y), _rows(y_hat)):
        for a, b in zip(row, row_hat):
            total += (a - b) ** 2
    return total / 2


def mse(y, y_hat):
    return sse(y, y_hat) / len(y)


def train_epoch(features, targets, weights, learnrate):
    n_records, n_features = len(features), len(weights)
    del_w = [0.0] * n_features
    for i in range(n_records):
        h = sum(features[i][j] * weights[j] for j in range(n_features))
        output = sigmoid(h)
        error_term = (targets[i] - output) * output * (1 - output)
        for j in range(n_features):
            del_w[j] += error_term * features[i][j]
    return [weights[j] + learnrate * del_w[j] / n_records for j in range(n_features)]


def train(features, targets, weights, epochs, learnrate):
    losses = []
    for _ in range(epochs):
        weights = train_epoch(features, targets, weights, learnrate)
        outputs = [sigmoid(sum(x * w for x, w in zip(row, weights))) for row in features]
        losses.append(mse(list(targets), outputs))
    return weights, losses
