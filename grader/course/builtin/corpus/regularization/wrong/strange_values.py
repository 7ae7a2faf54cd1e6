"""Returns values that are not numbers of the right kind: each must cost the test, with a
message, never a grader error."""
# expect: returned None. Did you forget `return`
# expect: returned a str; it should return numbers
# ceiling: 0

import numpy as np


def l1_penalty(weights, lam):
    return "0.4"


def l2_penalty(weights, lam):
    return [np.inf, None]


def l1_gradient(weights, lam):
    return np.array([object(), 1], dtype=object)


def l2_gradient(weights, lam):
    return [[1.0, 2.0], [3.0]]


def regularized_step(weights, gradient, learnrate, lam, kind):
    if kind not in ("l1", "l2"):
        raise ValueError(kind)
    if np.ndim(weights) == 2:
        return 10**400
    if learnrate == 0.5:
        return None
    return weights * np.nan
