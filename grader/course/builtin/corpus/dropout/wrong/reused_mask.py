# The mask is drawn once and kept for every later call of the same shape.
# expect: draw a new mask inside dropout on every call
# ceiling: 8
import numpy as np

_masks = {}


def dropout(activations, keep_prob):
    if not 0 < keep_prob <= 1:
        raise ValueError("keep_prob must be in (0, 1]")
    if activations.shape not in _masks:
        _masks[activations.shape] = np.random.rand(*activations.shape)
    mask = _masks[activations.shape] < keep_prob
    return activations * mask / keep_prob, mask


def dropout_backward(d_out, mask, keep_prob):
    return d_out * mask / keep_prob
