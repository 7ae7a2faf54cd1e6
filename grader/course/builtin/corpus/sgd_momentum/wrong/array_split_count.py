"""np.array_split(order, batch_size): batch_size batches instead of batches of batch_size."""
# expect: you cut the records into 6 batches
# ceiling: 9

import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def minibatches(features, targets, batch_size):
    order = np.random.permutation(len(features))
    return [(features[part], targets[part]) for part in np.array_split(order, batch_size)]


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
