"""Reference solution: squared error and learning the weights of one sigmoid unit by batch
gradient descent (seed section 13), in the course's style: a loop over the records for the
weight step, NumPy for the errors."""

import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def sse(y, y_hat):
    y, y_hat = np.asarray(y, dtype=float), np.asarray(y_hat, dtype=float)
    return 0.5 * np.sum((y - y_hat) ** 2)


def mse(y, y_hat):
    y, y_hat = np.asarray(y, dtype=float), np.asarray(y_hat, dtype=float)
    return np.sum((y - y_hat) ** 2) / (2 * len(y))


def train_epoch(features, targets, weights, learnrate):
    n_records = features.shape[0]
    del_w = np.zeros(weights.shape)
    for x, y in zip(features, targets, strict=True):
        output = sigmoid(np.dot(x, weights))
        error = y - output
        error_term = error * output * (1 - output)
        del_w += error_term * x
    return weights + learnrate * del_w / n_records


def train(features, targets, weights, epochs, learnrate):
    losses = []
    for _ in range(epochs):
        weights = train_epoch(features, targets, weights, learnrate)
        losses.append(mse(targets, sigmoid(np.dot(features, weights))))
    return weights, losses


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
