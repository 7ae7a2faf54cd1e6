# Returns only the dropped-out activations; the mask is lost.
# expect: dropout returns two values: the dropped-out activations and the mask
# ceiling: 2
import numpy as np


def dropout(activations, keep_prob):
    if not 0 < keep_prob <= 1:
        raise ValueError("keep_prob must be in (0, 1]")
    mask = np.random.rand(*activations.shape) < keep_prob
    return activations * mask / keep_prob


def dropout_backward(d_out, mask, keep_prob):
    return d_out * mask / keep_prob
