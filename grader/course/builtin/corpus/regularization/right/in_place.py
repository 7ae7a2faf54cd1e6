"""Updates the weights in place and returns them; match-case for the kind."""

import numpy as np


def l1_penalty(weights, lam):
    return float(lam * np.abs(weights).sum())


def l2_penalty(weights, lam):
    return float(lam * (np.asarray(weights) ** 2).sum())


def l1_gradient(weights, lam):
    return np.sign(weights) * lam


def l2_gradient(weights, lam):
    return np.multiply(weights, 2 * lam)


def regularized_step(weights, gradient, learnrate, lam, kind):
    match kind:
        case "l1":
            penalty_gradient = l1_gradient(weights, lam)
        case "l2":
            penalty_gradient = l2_gradient(weights, lam)
        case _:
            raise ValueError(f"kind must be 'l1' or 'l2', got {kind!r}")
    weights -= learnrate * gradient
    weights -= learnrate * penalty_gradient
    return weights
