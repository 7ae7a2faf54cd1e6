"""w / |w| for the sign: 0 / 0 where a weight is 0."""
# expect: w / |w| divides 0 by 0 where a weight is 0
# ceiling: 5

import numpy as np


def l1_penalty(weights, lam):
    return lam * np.sum(np.abs(weights))


def l2_penalty(weights, lam):
    return lam * np.sum(weights ** 2)


def l1_gradient(weights, lam):
    return lam * weights / np.abs(weights)


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
