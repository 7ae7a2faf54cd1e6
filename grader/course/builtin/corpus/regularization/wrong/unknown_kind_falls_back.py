"""Any kind that is not "l1" gets L2: a typo trains silently with the wrong penalty."""
# expect: an unknown kind must raise ValueError
# ceiling: 9

import numpy as np


def l1_penalty(weights, lam):
    return lam * np.sum(np.abs(weights))


def l2_penalty(weights, lam):
    return lam * np.sum(weights ** 2)


def l1_gradient(weights, lam):
    return lam * np.sign(weights)


def l2_gradient(weights, lam):
    return 2 * lam * weights


def regularized_step(weights, gradient, learnrate, lam, kind):
    if kind == "l1":
        penalty_gradient = l1_gradient(weights, lam)
    else:
        penalty_gradient = l2_gradient(weights, lam)
    return weights - learnrate * (gradient + penalty_gradient)
