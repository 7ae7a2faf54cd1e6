"""Vectorised: one in-place update with the error (y - y_hat), which is 0 for a correct point."""

import numpy as np


def stepFunction(t):
    return int(t >= 0)


def prediction(X, W, b):
    return stepFunction(np.dot(X, W)[0] + b)


def perceptronStep(X, y, W, b, learn_rate=0.01):
    for i in range(len(X)):
        error = y[i] - prediction(X[i], W, b)
        W += error * learn_rate * X[i].reshape(2, 1)
        b += error * learn_rate
    return W, b


def trainPerceptronAlgorithm(X, y, learn_rate=0.01, num_epochs=25):
    x_max = X[:, 0].max()
    W = np.random.rand(2, 1)
    b = np.random.rand(1)[0] + x_max
    boundary_lines = []
    for _ in range(num_epochs):
        W, b = perceptronStep(X, y, W, b, learn_rate)
        boundary_lines.append((-W[0] / W[1], -b / W[1]))
    return boundary_lines
