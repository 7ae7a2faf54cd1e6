# Returns the mask first and the activations second.
# expect: return the dropped-out activations first and the mask second
# ceiling: 2
import numpy as np


def dropout(activations, keep_prob):
    if not 0 < keep_prob <= 1:
        raise ValueError("keep_prob must be in (0, 1]")
    mask = np.random.rand(*activations.shape) < keep_prob
    return mask, activations * mask / keep_prob


def dropout_backward(d_out, mask, keep_prob):
    return d_out * mask / keep_prob
