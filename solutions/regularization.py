"""Reference solution: L1 and L2 regularisation (seed section 15.2), vectorised."""

import numpy as np


def l1_penalty(weights, lam):
    return lam * np.sum(np.abs(weights))


def l2_penalty(weights, lam):
    return lam * np.sum(np.square(weights))


def l1_gradient(weights, lam):
    return lam * np.sign(weights)


def l2_gradient(weights, lam):
    return 2 * lam * np.asarray(weights, dtype=float)


def regularized_step(weights, gradient, learnrate, lam, kind):
    if kind == "l1":
        penalty_gradient = l1_gradient(weights, lam)
    elif kind == "l2":
        penalty_gradient = l2_gradient(weights, lam)
    else:
        raise ValueError(f"unknown kind of regularisation: {kind!r} (use 'l1' or 'l2')")
    return weights - learnrate * (gradient + penalty_gradient)


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
