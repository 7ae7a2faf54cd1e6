"""New arrays instead of in-place updates, plain floats for the lines, an array of lines."""

import numpy as np


def stepFunction(t):
    if t < 0:
        return 0
    else:
        return 1


def prediction(X, W, b):
    score = X @ W + b
    return stepFunction(score[0])


def perceptronStep(X, y, W, b, learn_rate=0.01):
    W = W.copy()
    for x, label in zip(X, y):
        y_hat = prediction(x, W, b)
        if label == 1 and y_hat == 0:
            W = W + learn_rate * x[:, np.newaxis]
            b = b + learn_rate
        if label == 0 and y_hat == 1:
            W = W - learn_rate * x[:, np.newaxis]
            b = b - learn_rate
    return W, b


def trainPerceptronAlgorithm(X, y, learn_rate=0.01, num_epochs=25):
    W = np.array(np.random.rand(2, 1))
    b = np.random.rand(1)[0] + np.max(X[:, 0])
    lines = []
    for epoch in range(num_epochs):
        W, b = perceptronStep(X, y, W, b, learn_rate)
        lines.append([float(-W[0, 0] / W[1, 0]), float(-b / W[1, 0])])
    return np.array(lines)
