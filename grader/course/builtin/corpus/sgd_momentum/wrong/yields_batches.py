"""minibatches as a generator: train_sgd works, but minibatches returns no list."""
# expect: a generator (yield) cannot be counted or reused
# ceiling: 4

import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def minibatches(features, targets, batch_size):
    order = np.random.permutation(len(features))
    features, targets = features[order], targets[order]
    for start in range(0, len(features), batch_size):
        yield features[start:start + batch_size], targets[start:start + batch_size]


def momentum_step(weights, velocity, gradient, learnrate, beta):
    velocity = beta * velocity + gradient
    weights = weights - learnrate * velocity
    return weights, velocity


def train_sgd(features, targets, weights, epochs, batch_size, learnrate, beta):
    velocity = np.zeros_like(weights)
    for _ in range(epochs):
        for X, y in minibatches(features, targets, batch_size):
            output = sigmoid(X @ weights)
            gradient = X.T @ (output - y) / len(y)
            weights, velocity = momentum_step(weights, velocity, gradient, learnrate, beta)
    return weights
