"""The L2 penalty with the 1/2 that some books put in front."""
# expect: the course's L2 penalty has no 1/2
# ceiling: 8

import numpy as np


def l1_penalty(weights, lam):
    return lam * np.sum(np.abs(weights))


def l2_penalty(weights, lam):
    return 0.5 * lam * np.sum(weights ** 2)


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
