"""Returns values that are not numbers of the right kind: each must cost the test, with a
message, never a grader error."""
# expect: sse(
# expect: returned a str; it should return numbers
# expect: returned None. Did you forget `return weights`?
# expect: it should return two values: weights, losses
# ceiling: 0

import numpy as np


def sse(y, y_hat):
    if len(y) == 4:
        return "0.15"
    if len(y) == 3:
        return [float("nan"), 10**400]
    return float("nan")


def mse(y, y_hat):
    if len(y) == 4:
        return np.array([1, "a"], dtype=object)
    if len(y) == 3:
        return [[1.0], [2.0, 3.0]]
    return 10**400


def train_epoch(features, targets, weights, learnrate):
    if len(features) == 4:
        return None
    return {"weights": weights}


def train(features, targets, weights, epochs, learnrate):
    if len(features) in (4, 16):
        return weights
    return weights, [[0.1], "x", None]
