"""Stochastic gradient descent with momentum.

Stochastic gradient descent (SGD) does not wait for the gradient of the whole data set: it
shuffles the records, cuts them into small batches, and takes one step per batch. An epoch is
one pass over all the records, so with 24 records and a batch size of 6 an epoch is 4 batches,
4 steps. (The course text calls epochs "the step size": they are not. The step size is the
learning rate; the number of epochs is how many times training passes over the data.)

    minibatches(features, targets, batch_size)
        Shuffle the records with ONE np.random.permutation (from NumPy's global random state,
        so that np.random.seed makes it repeatable), apply it to features and targets alike so
        each record keeps its own target, and cut them into batches of batch_size records (the
        last may be smaller). Return a list of (features_batch, targets_batch) pairs.

Momentum keeps a running velocity, so that steps in a steady direction add up and zigzags
cancel out. beta, between 0 and 1, is how much of the velocity survives each step:

    momentum_step(weights, velocity, gradient, learnrate, beta)
        velocity = beta * velocity + gradient
        weights = weights - learnrate * velocity
        return weights, velocity

With beta = 0 that is plain gradient descent. train_sgd(features, targets, weights, epochs,
batch_size, learnrate, beta) trains logistic regression with both: the velocity starts at
np.zeros_like(weights) once, and is carried across batches and epochs; in each epoch, for each
batch from minibatches (called once per epoch):

        output = sigmoid(features_batch @ weights)
        gradient = features_batch.T @ (output - targets_batch) / len(targets_batch)
        weights, velocity = momentum_step(weights, velocity, gradient, learnrate, beta)

and it returns the weights.

Check your work with:  grader check sgd_momentum.py
"""

import numpy as np


def sigmoid(x):
    """The activation function (given by the course)."""
    return 1 / (1 + np.exp(-x))


def minibatches(features, targets, batch_size):
    raise NotImplementedError


def momentum_step(weights, velocity, gradient, learnrate, beta):
    raise NotImplementedError


def train_sgd(features, targets, weights, epochs, batch_size, learnrate, beta):
    raise NotImplementedError


if __name__ == "__main__":
    # The course's example: 24 points in batches of 6 are 4 batches, so one epoch is 4 steps.
    np.random.seed(0)
    points = np.arange(48.0).reshape(24, 2)
    labels = np.arange(24) % 2
    batches = minibatches(points, labels, 6)
    print(len(batches), "batches of", [len(targets) for _, targets in batches], "points")

    # Momentum on a stretched (ill-conditioned) problem: the same epochs, a lower loss.
    from grader.course.datasets import stretched_classes

    features, targets = stretched_classes(seed=0)
    for beta in (0.0, 0.9):
        np.random.seed(1)
        weights = train_sgd(features, targets, np.zeros(2), 20, 20, 1.0, beta)
        output = sigmoid(features @ weights)
        loss = -np.mean(targets * np.log(output) + (1 - targets) * np.log(1 - output))
        print(f"beta = {beta}: weights {np.round(weights, 2)}, training loss {loss:.4f}")
