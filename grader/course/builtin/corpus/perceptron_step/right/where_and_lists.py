"""np.where for the step, matmul on a matrix-shaped point, a list of tuples of lists."""

import numpy as np


def stepFunction(t):
    return np.where(np.asarray(t) >= 0, 1, 0)


def prediction(X, W, b):
    return stepFunction((np.matmul(X, W) + b)[0])


def perceptronStep(X, y, W, b, learn_rate=0.01):
    for i in range(len(X)):
        y_hat = prediction(X[i], W, b)
        if y[i] != y_hat:
            sign = 1 if y[i] == 1 else -1
            W[0, 0] = W[0, 0] + sign * learn_rate * X[i, 0]
            W[1, 0] = W[1, 0] + sign * learn_rate * X[i, 1]
            b = b + sign * learn_rate
    return W, b


def trainPerceptronAlgorithm(X, y, learn_rate=0.01, num_epochs=25):
    x_min, x_max = min(X.T[0]), max(X.T[0])
    W = np.array(np.random.rand(2, 1))
    b = np.random.rand(1)[0] + x_max
    boundary_lines = []
    epoch = 0
    while epoch < num_epochs:
        W, b = perceptronStep(X, y, W, b, learn_rate)
        boundary_lines.append(((-W[0] / W[1]).tolist(), [-b / W[1, 0]]))
        epoch += 1
    return boundary_lines
