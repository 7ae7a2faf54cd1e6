"""Lists and loops: the batches are lists of rows, the shuffle is np.random.shuffle of an index
list, and the momentum step goes weight by weight."""

import math

import numpy as np


def minibatches(features, targets, batch_size):
    indices = list(range(len(features)))
    np.random.shuffle(indices)
    batches = []
    for start in range(0, len(indices), batch_size):
        chunk = indices[start:start + batch_size]
        batches.append(([list(features[i]) for i in chunk], [targets[i] for i in chunk]))
    return batches


def momentum_step(weights, velocity, gradient, learnrate, beta):
    shape = np.shape(weights)
    new_velocity = [beta * v + g for v, g in zip(np.ravel(velocity), np.ravel(gradient),
                                                 strict=True)]
    new_weights = [w - learnrate * v for w, v in zip(np.ravel(weights), new_velocity,
                                                     strict=True)]
    return np.reshape(new_weights, shape), np.reshape(new_velocity, shape)


def train_sgd(features, targets, weights, epochs, batch_size, learnrate, beta):
    velocity = [0.0] * len(weights)
    for _ in range(epochs):
        for rows, labels in minibatches(features, targets, batch_size):
            gradient = [0.0] * len(weights)
            for row, label in zip(rows, labels, strict=True):
                output = 1 / (1 + math.exp(-sum(x * w for x, w in zip(row, weights,
                                                                       strict=True))))
                for j, x in enumerate(row):
                    gradient[j] += (output - label) * x / len(rows)
            weights, velocity = momentum_step(weights, velocity, gradient, learnrate, beta)
    return weights
