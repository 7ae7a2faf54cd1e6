"""Plain loops over the flattened weights; results rebuilt in the weights' shape."""

import numpy as np


def l1_penalty(weights, lam):
    total = 0.0
    for w in np.ravel(weights):
        total += abs(w)
    return lam * total


def l2_penalty(weights, lam):
    total = 0.0
    for w in np.ravel(weights):
        total += w * w
    return lam * total


def _sign(w):
    if w > 0:
        return 1.0
    if w < 0:
        return -1.0
    return 0.0


def l1_gradient(weights, lam):
    flat = [lam * _sign(w) for w in np.ravel(weights)]
    return np.reshape(flat, np.shape(weights))


def l2_gradient(weights, lam):
    flat = [2 * lam * w for w in np.ravel(weights)]
    return np.reshape(flat, np.shape(weights))


def regularized_step(weights, gradient, learnrate, lam, kind):
    gradients = {"l1": l1_gradient, "l2": l2_gradient}
    if kind not in gradients:
        raise ValueError("kind must be 'l1' or 'l2', not " + repr(kind))
    penalty_gradient = np.ravel(gradients[kind](weights, lam))
    new = [w - learnrate * (g + p)
           for w, g, p in zip(np.ravel(weights), np.ravel(gradient), penalty_gradient,
                              strict=True)]
    return np.reshape(new, np.shape(weights))
