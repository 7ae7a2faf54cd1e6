"""Through NumPy's norms: the L1 norm of the flattened weights and the squared L2 norm."""

import numpy as np


def l1_penalty(weights, lam):
    return lam * np.linalg.norm(np.ravel(weights), ord=1)


def l2_penalty(weights, lam):
    return lam * np.linalg.norm(np.ravel(weights)) ** 2


def l1_gradient(weights, lam):
    weights = np.asarray(weights, dtype=float)
    return lam * (weights > 0) - lam * (weights < 0)


def l2_gradient(weights, lam):
    return lam * np.asarray(weights, dtype=float) * 2


def regularized_step(weights, gradient, learnrate, lam, kind):
    if kind not in ("l1", "l2"):
        raise ValueError(f"unknown kind {kind}")
    penalty = l1_gradient if kind == "l1" else l2_gradient
    return np.subtract(weights, learnrate * np.add(gradient, penalty(weights, lam)))
