"""Shuffles the rows of one table of features and targets side by side, so the pairs cannot
come apart; the velocity is updated in place."""

import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def minibatches(features, targets, batch_size):
    table = np.column_stack([features, targets])
    table = np.random.permutation(table)
    return [(part[:, :-1], part[:, -1])
            for part in np.split(table, range(batch_size, len(table), batch_size))]


def momentum_step(weights, velocity, gradient, learnrate, beta):
    velocity *= beta
    velocity += gradient
    weights -= learnrate * velocity
    return weights, velocity


def train_sgd(features, targets, weights, epochs, batch_size, learnrate, beta):
    weights = weights.astype(float)
    velocity = np.zeros(weights.shape)
    epoch = 0
    while epoch < epochs:
        for batch_features, batch_targets in minibatches(features, targets, batch_size):
            errors = sigmoid(batch_features @ weights) - batch_targets
            gradient = np.mean(batch_features * errors[:, None], axis=0)
            weights, velocity = momentum_step(weights, velocity, gradient, learnrate, beta)
        epoch += 1
    return weights
