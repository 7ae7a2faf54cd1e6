# ceiling: 5 — must fail step_course_defaults, step_one_point_at_a_time, step_random, train_course_defaults and train_random
"""Adds the whole point to W and 1 to b."""
# expect: learn_rate is ignored

import numpy as np


def stepFunction(t):
    if t >= 0:
        return 1
    return 0


def prediction(X, W, b):
    return stepFunction((np.matmul(X, W) + b)[0])


def perceptronStep(X, y, W, b, learn_rate=0.01):
    for i in range(len(X)):
        y_hat = prediction(X[i], W, b)
        if y[i] - y_hat == 1:
            W[0] += X[i][0]
            W[1] += X[i][1]
            b += 1
        elif y[i] - y_hat == -1:
            W[0] -= X[i][0]
            W[1] -= X[i][1]
            b -= 1
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
