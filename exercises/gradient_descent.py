"""Logistic regression by gradient descent: nudge a line, point by point, to lower the log-loss.

The model gives each point x the probability that its label is 1:

    output = sigmoid(x @ weights + bias),        sigmoid(t) = 1 / (1 + e^(-t))

and pays the log-loss  error = -y*ln(output) - (1-y)*ln(1-output)  for it. One step of gradient
descent on one point moves the weights and the bias against the error's gradient:

    d_error = -(y - output)
    weights -= learnrate * d_error * x
    bias    -= learnrate * d_error

(No output*(1-output) factor: for the log-loss it cancels.) `sigmoid` and `error_formula` work
element-wise on arrays; `output_formula` works for one point or a matrix of points (np.matmul);
`update_weights` returns (weights, bias); changing `weights` in place is fine.

Last, `train(features, targets, epochs, learnrate)` puts them together: it draws
weights = np.random.normal(scale=1 / n_features**.5, size=n_features), sets bias = 0, runs
update_weights on every point in every epoch, and returns (weights, bias). It is graded like
the other four: the trained line must classify a separable data set as well as the course's.

Check your work with:  grader check gradient_descent.py
"""

import numpy as np


def sigmoid(x):
    raise NotImplementedError


def output_formula(features, weights, bias):
    raise NotImplementedError


def error_formula(y, output):
    raise NotImplementedError


def update_weights(x, y, weights, bias, learnrate):
    raise NotImplementedError


def train(features, targets, epochs, learnrate):
    raise NotImplementedError


if __name__ == "__main__":
    # Two clouds of 100 points each: label 0 around (0.3, 0.3), label 1 around (0.7, 0.7).
    np.random.seed(44)
    features = np.vstack([np.random.normal(0.3, 0.1, (100, 2)),
                          np.random.normal(0.7, 0.1, (100, 2))])
    targets = np.repeat([0, 1], 100)
    weights, bias = train(features, targets, epochs=100, learnrate=0.01)
    out = output_formula(features, weights, bias)
    print("Train loss:", np.mean(error_formula(targets, out)))
    print("Accuracy:  ", np.mean((out > 0.5) == targets))
    print(f"Boundary:   y = {-weights[0] / weights[1]:.4f} * x + {-bias / weights[1]:.4f}")
