# A 0/1 integer mask from np.random.binomial, one independent coin per unit.
import numpy as np


def dropout(activations, keep_prob):
    if keep_prob <= 0 or keep_prob > 1:
        raise ValueError(f"keep_prob must be in (0, 1], got {keep_prob}")
    mask = np.random.binomial(1, keep_prob, size=activations.shape)
    return activations * mask / keep_prob, mask


def dropout_backward(d_out, mask, keep_prob):
    return np.multiply(d_out, mask) / keep_prob
