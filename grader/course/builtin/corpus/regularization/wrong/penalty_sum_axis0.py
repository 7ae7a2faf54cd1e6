"""Sums along the first axis only: right for a vector, not for a matrix."""
# expect: np.sum applied along one axis only
# ceiling: 8

import numpy as np


def l1_penalty(weights, lam):
    return lam * np.sum(np.abs(weights), axis=0)


def l2_penalty(weights, lam):
    return lam * np.sum(weights ** 2)


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
