"""Reference solution: logistic regression by gradient descent (seed section 9), as the course
wrote it, with the course notebook's training loop (without its plots)."""

import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def output_formula(features, weights, bias):
    return sigmoid(np.matmul(features, weights) + bias)


def error_formula(y, output):
    return - y*np.log(output) - (1 - y) * np.log(1-output)


def update_weights(x, y, weights, bias, learnrate):
    output = output_formula(x, weights, bias)
    d_error = -(y - output)
    weights -= learnrate * d_error * x
    bias -= learnrate * d_error
    return weights, bias


def train(features, targets, epochs, learnrate):
    n_records, n_features = features.shape
    weights = np.random.normal(scale=1 / n_features**.5, size=n_features)
    bias = 0
    for _ in range(epochs):
        for x, y in zip(features, targets, strict=True):
            weights, bias = update_weights(x, y, weights, bias, learnrate)
    return weights, bias


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
