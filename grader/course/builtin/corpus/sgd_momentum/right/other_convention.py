"""The other momentum convention: the velocity carries the learning rate,
velocity = beta * velocity - learnrate * gradient, and weights += velocity (in place)."""

import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def minibatches(features, targets, batch_size):
    order = np.random.permutation(len(features))
    return [(features[order[i:i + batch_size]], targets[order[i:i + batch_size]])
            for i in range(0, len(order), batch_size)]


def momentum_step(weights, velocity, gradient, learnrate, beta):
    velocity = beta * velocity - learnrate * gradient
    weights += velocity
    return weights, velocity


def train_sgd(features, targets, weights, epochs, batch_size, learnrate, beta):
    weights = np.array(weights, dtype=float)
    velocity = np.zeros_like(weights)
    for _ in range(epochs):
        for X, y in minibatches(features, targets, batch_size):
            gradient = np.dot(X.T, sigmoid(np.dot(X, weights)) - y) / len(y)
            weights, velocity = momentum_step(weights, velocity, gradient, learnrate, beta)
    return weights
