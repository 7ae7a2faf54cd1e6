"""A dictionary of gradients: an unknown kind raises KeyError, not ValueError."""
# expect: a dictionary lookup raises KeyError
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
    penalty_gradient = {"l1": l1_gradient, "l2": l2_gradient}[kind](weights, lam)
    return weights - learnrate * (gradient + penalty_gradient)
