"""+lam for w >= 0, -lam below: wrong at w = 0."""
# expect: at w = 0 the gradient must be 0
# ceiling: 5

import numpy as np


def l1_penalty(weights, lam):
    return lam * np.sum(np.abs(weights))


def l2_penalty(weights, lam):
    return lam * np.sum(weights ** 2)


def l1_gradient(weights, lam):
    return np.where(weights >= 0, lam, -lam)


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
