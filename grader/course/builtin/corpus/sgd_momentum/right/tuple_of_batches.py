"""Returns the batches as a tuple, with np.take; the gradient as an einsum."""

import numpy as np


def minibatches(features, targets, batch_size):
    order = np.random.permutation(np.arange(len(targets)))
    starts = range(0, len(order), batch_size)
    return tuple((np.take(features, order[s:s + batch_size], axis=0),
                  np.take(targets, order[s:s + batch_size])) for s in starts)


def momentum_step(weights, velocity, gradient, learnrate, beta):
    new_velocity = np.add(np.multiply(beta, velocity), gradient)
    return np.subtract(weights, learnrate * new_velocity), new_velocity


def train_sgd(features, targets, weights, epochs, batch_size, learnrate, beta):
    velocity = np.zeros_like(weights, dtype=float)
    for _ in range(epochs):
        for X, y in minibatches(features, targets, batch_size):
            output = np.exp(-np.logaddexp(0, -(X @ weights)))
            gradient = np.einsum("ij,i->j", X, output - y) / y.size
            weights, velocity = momentum_step(weights, velocity, gradient, learnrate, beta)
    return weights
