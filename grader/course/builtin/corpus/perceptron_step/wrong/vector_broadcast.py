# ceiling: 4 — must fail step_course_defaults, step_one_point_at_a_time, step_random, train_course_defaults, train_random and train_separates
"""Vectorised update without matching shapes: W (2, 1) plus X[i] (2,) becomes a (2, 2) array."""
# expect: (2, 2) array

import numpy as np


def stepFunction(t):
    return 1 if t >= 0 else 0


def prediction(X, W, b):
    return stepFunction((X @ W + b)[0])


def perceptronStep(X, y, W, b, learn_rate=0.01):
    for i in range(len(X)):
        error = y[i] - prediction(X[i], W, b)
        if error != 0:
            W = W + error * learn_rate * X[i]
            b = b + error * learn_rate
    return W, b


def trainPerceptronAlgorithm(X, y, learn_rate=0.01, num_epochs=25):
    x_max = max(X.T[0])
    W = np.array(np.random.rand(2, 1))
    b = np.random.rand(1)[0] + x_max
    boundary_lines = []
    for _ in range(num_epochs):
        W, b = perceptronStep(X, y, W, b, learn_rate)
        boundary_lines.append((-W[0] / W[1], -b / W[1]))
    return boundary_lines
