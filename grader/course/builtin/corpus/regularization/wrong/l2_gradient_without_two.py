"""Forgets the 2 of the derivative of w**2; the step then inherits it."""
# expect: the 2 is missing: the derivative of w**2 is 2 * w
# expect: regularized_step follows your l2_gradient, which is not right yet
# ceiling: 5

import numpy as np


def l1_penalty(weights, lam):
    return lam * np.sum(np.abs(weights))


def l2_penalty(weights, lam):
    return lam * np.sum(weights ** 2)


def l1_gradient(weights, lam):
    return lam * np.sign(weights)


def l2_gradient(weights, lam):
    return lam * weights


def regularized_step(weights, gradient, learnrate, lam, kind):
    if kind == "l1":
        penalty_gradient = l1_gradient(weights, lam)
    elif kind == "l2":
        penalty_gradient = l2_gradient(weights, lam)
    else:
        raise ValueError(f"unknown kind {kind!r}")
    return weights - learnrate * (gradient + penalty_gradient)
