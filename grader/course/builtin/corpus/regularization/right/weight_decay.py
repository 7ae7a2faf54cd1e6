"""L2 written as weight decay: (1 - 2 * learnrate * lam) * w - learnrate * gradient, the same
step rearranged."""

import numpy as np


def l1_penalty(weights, lam):
    return lam * np.abs(weights).sum()


def l2_penalty(weights, lam):
    return lam * np.vdot(weights, weights)


def l1_gradient(weights, lam):
    return lam * np.sign(weights)


def l2_gradient(weights, lam):
    return 2 * lam * np.array(weights, dtype=float)


def regularized_step(weights, gradient, learnrate, lam, kind):
    if kind == "l2":
        return (1 - 2 * learnrate * lam) * weights - learnrate * gradient
    if kind == "l1":
        return weights - learnrate * gradient - learnrate * lam * np.sign(weights)
    raise ValueError("unknown kind: " + str(kind))
