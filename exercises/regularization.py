"""L1 and L2 regularisation: make large weights cost something, so the model stays simple.

A model with large weights is often overfitting. Regularisation adds a penalty for them to the
error, with a strength lam:

    l1_penalty(weights, lam) = lam * sum(|w|)        l1_gradient(weights, lam) = lam * sign(w)
    l2_penalty(weights, lam) = lam * sum(w**2)       l2_gradient(weights, lam) = 2 * lam * w

The penalties are one number each, summed over every weight (weights may be a vector or a
matrix); the gradients have one number per weight, and the L1 gradient is 0 where w is 0
(np.sign(0) is 0). regularized_step(weights, gradient, learnrate, lam, kind) takes one step of
gradient descent on the error plus the penalty, where kind is "l1" or "l2":

    return weights - learnrate * (gradient + penalty_gradient)

Any other kind (say "l3") must raise ValueError.

Why two penalties? L1 pulls every weight towards 0 by the same amount each step, so the small,
useless ones land on 0: the weights become sparse, which picks out the useful features. L2 pulls
each weight in proportion to its size, so all of them get small but few become exactly 0.

Check your work with:  grader check regularization.py
"""

import numpy as np


def l1_penalty(weights, lam):
    raise NotImplementedError


def l2_penalty(weights, lam):
    raise NotImplementedError


def l1_gradient(weights, lam):
    raise NotImplementedError


def l2_gradient(weights, lam):
    raise NotImplementedError


def regularized_step(weights, gradient, learnrate, lam, kind):
    raise NotImplementedError


if __name__ == "__main__":
    # Linear regression on 3 useful and 5 useless features, with each penalty.
    np.random.seed(0)
    X = np.random.normal(size=(200, 8))
    y = X[:, :3] @ np.array([1.5, -2.0, 1.0]) + np.random.normal(scale=0.5, size=200)
    for kind in ("l1", "l2"):
        weights = np.random.normal(size=8)
        for _ in range(500):
            gradient = X.T @ (X @ weights - y) / len(y)
            weights = regularized_step(weights, gradient, 0.05, 0.1, kind)
        print(kind, np.round(weights, 3))
