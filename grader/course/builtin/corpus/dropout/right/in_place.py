# Scales the activations in place and returns the same array.
import numpy as np


def dropout(activations, keep_prob):
    if not (0 < keep_prob <= 1):
        raise ValueError("keep_prob must be in (0, 1]")
    mask = np.random.random_sample(activations.shape) < keep_prob
    activations *= mask
    activations /= keep_prob
    return activations, mask


def dropout_backward(d_out, mask, keep_prob):
    d_out = np.array(d_out, dtype=float)
    d_out[np.asarray(mask) == 0] = 0.0
    d_out /= keep_prob
    return d_out
