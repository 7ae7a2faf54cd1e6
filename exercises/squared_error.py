"""Squared error, and learning the weights of one sigmoid unit by gradient descent.

How wrong are predictions y_hat of targets y? The course measures it with the sum of the squared
errors and its mean over the records, both with a factor 1/2 (it cancels the 2 of the
derivative). Note that the course's MSE is not quite "the mean of the squared differences":

    sse(y, y_hat) = 0.5 * sum((y - y_hat)**2)          over every number
    mse(y, y_hat) = sum((y - y_hat)**2) / (2 * m)      m = len(y), the number of records

y and y_hat are lists or NumPy arrays of shape (m,) or (m, k): with k outputs per record the sum
still runs over every number, but m stays the number of records. Both return one number.

train_epoch(features, targets, weights, learnrate) is one epoch of batch gradient descent for
one sigmoid output unit with no bias. Every record uses the same weights:

    for each record x with target y:
        output = sigmoid(x @ weights)
        error_term = (y - output) * output * (1 - output)
        del_w += error_term * x
    return weights + learnrate * del_w / n_records         (divide by n_records once)

Return the new weights (a new array, or `weights` updated in place and returned).
train(features, targets, weights, epochs, learnrate) calls train_epoch `epochs` times and
returns (weights, losses), where losses[e] is the mse of the targets and the sigmoid outputs
sigmoid(features @ weights) after epoch e.

Check your work with:  grader check squared_error.py
"""

import numpy as np


def sigmoid(x):
    """The activation function (given by the course)."""
    return 1 / (1 + np.exp(-x))


def sse(y, y_hat):
    raise NotImplementedError


def mse(y, y_hat):
    raise NotImplementedError


def train_epoch(features, targets, weights, learnrate):
    raise NotImplementedError


def train(features, targets, weights, epochs, learnrate):
    raise NotImplementedError


if __name__ == "__main__":
    # Section 13's single record: one epoch on it changes the weights by the course's del_w.
    x = np.array([[0.1, 0.3]])
    y = np.array([0.2])
    weights = np.array([-0.8, 0.5])
    print("Change in Weights:")
    print(train_epoch(x, y, weights, learnrate=0.5) - weights)

    # The admissions example: three standardised features (GRE, GPA, school rank).
    from grader.course.datasets import admissions

    data = admissions(seed=42)
    np.random.seed(42)
    n_features = data.train_features.shape[1]
    weights = np.random.normal(scale=1 / n_features**0.5, size=n_features)
    weights, losses = train(data.train_features, data.train_targets, weights, 200, 0.5)
    for epoch in range(0, 200, 20):
        print(f"Epoch {epoch:3d}: train loss {losses[epoch]:.4f}")
    predictions = sigmoid(np.dot(data.val_features, weights)) > 0.5
    print(f"Prediction accuracy: {np.mean(predictions == data.val_targets):.3f}")
