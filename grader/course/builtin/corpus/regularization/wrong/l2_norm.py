"""The length of the weight vector instead of its square."""
# expect: the square root is not part of it
# ceiling: 8

import numpy as np


def l1_penalty(weights, lam):
    return lam * np.sum(np.abs(weights))


def l2_penalty(weights, lam):
    return lam * np.linalg.norm(weights)


def l1_gradient(weights, lam):
    return lam * np.sign(weights)


def l2_gradient(weights, lam):
    return 2 * lam * weights


def regularized_step(weights, gradient, learnrate, lam, kind):
    if kind == "l1":
        penalty_gradient = l1_gradient(weights, lam)
    elif kind == "l2":
        penalty_gradient = l2_gradient(weights, lam)
    else:
        raise ValueError(f"unknown kind {kind!r}")
    return weights - learnrate * (gradient + penalty_gradient)
