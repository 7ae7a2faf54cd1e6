"""np.array_split into the right number of batches, but spread evenly."""
# expect: np.array_split spreads the records evenly over the batches
# ceiling: 11

import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def minibatches(features, targets, batch_size):
    order = np.random.permutation(len(features))
    n_batches = int(np.ceil(len(features) / batch_size))
    return [(features[part], targets[part]) for part in np.array_split(order, n_batches)]


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
