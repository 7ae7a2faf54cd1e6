"""Returns values that are not what the tests need: each must cost the test, with a message,
never a grader error."""
# expect: returned None. Did you forget `return batches`?
# expect: each batch must be a pair (features_batch, targets_batch)
# expect: it should return two values: weights, velocity
# ceiling: 0

import numpy as np


def minibatches(features, targets, batch_size):
    if len(features) == 24:
        return None
    if len(features) == 23:
        return [features, targets]
    return [(features, "targets")]


def momentum_step(weights, velocity, gradient, learnrate, beta):
    if np.ndim(weights) == 2:
        return [[1.0, 2.0], [3.0]], velocity
    if beta == 0.9:
        return weights
    return np.full(np.shape(weights), np.nan), velocity


def train_sgd(features, targets, weights, epochs, batch_size, learnrate, beta):
    if len(features) == 4:
        return {"weights": weights}
    if beta == 0.9:
        return [float("inf")] * len(weights)
    return weights.tolist() + [10**400]
