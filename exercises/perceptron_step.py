"""The perceptron trick: move a line until it separates two classes of points.

A perceptron with weights W (shape (2, 1)) and bias b labels a point x = (x1, x2) as

    prediction = stepFunction(W[0]*x1 + W[1]*x2 + b),   stepFunction(t) = 1 if t >= 0 else 0

so stepFunction(0) is 1. `perceptronStep` goes through the points in order and predicts each
one with the current W and b. Only a misclassified point moves the line, by `learn_rate`:
    label 1 but predicted 0:  W[0] += x1 * learn_rate,  W[1] += x2 * learn_rate,  b += learn_rate
    label 0 but predicted 1:  W[0] -= x1 * learn_rate,  W[1] -= x2 * learn_rate,  b -= learn_rate
It returns W, b (changing W in place and returning it is fine).

`trainPerceptronAlgorithm` draws W = np.array(np.random.rand(2, 1)) first, then
b = np.random.rand(1)[0] + x_max (x_max = the largest first coordinate), runs `num_epochs`
perceptron steps, and returns the boundary line after each one: (-W[0]/W[1], -b/W[1]), that is
(slope, intercept) of the line W[0]*x1 + W[1]*x2 + b = 0.

Check your work with:  grader check perceptron_step.py
"""

import numpy as np


def stepFunction(t):
    raise NotImplementedError


def prediction(X, W, b):
    raise NotImplementedError


def perceptronStep(X, y, W, b, learn_rate=0.01):
    raise NotImplementedError


def trainPerceptronAlgorithm(X, y, learn_rate=0.01, num_epochs=25):
    raise NotImplementedError


if __name__ == "__main__":
    # A small data set: 20 random points, labelled 1 above the line y = 0.9 - 0.8 x.
    np.random.seed(12)
    X = np.random.rand(20, 2)
    y = (X[:, 1] > 0.9 - 0.8 * X[:, 0]).astype(int)
    lines = trainPerceptronAlgorithm(X, y)
    for epoch, (slope, intercept) in enumerate(lines, start=1):
        slope, intercept = float(np.ravel(slope)[0]), float(np.ravel(intercept)[0])
        sign = "+" if intercept >= 0 else "-"
        print(f"epoch {epoch:2d}: y = {slope:.4f} * x {sign} {abs(intercept):.4f}")
