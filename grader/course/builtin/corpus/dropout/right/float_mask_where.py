# A float mask, np.where for the output, and keep_prob = 1 handled without drawing.
import numpy as np


def dropout(activations, keep_prob):
    if not 0.0 < keep_prob <= 1.0:
        raise ValueError("keep_prob must be greater than 0 and at most 1")
    if keep_prob == 1:
        return activations.copy(), np.ones(activations.shape)
    mask = (np.random.uniform(0.0, 1.0, activations.shape) < keep_prob).astype(float)
    return np.where(mask == 1.0, activations / keep_prob, 0.0), mask


def dropout_backward(d_out, mask, keep_prob):
    return np.where(np.asarray(mask) != 0, d_out / keep_prob, 0.0)
