# The backward pass draws a mask of its own instead of using the one it is given.
# expect: the zeros do not follow the mask you were given
# ceiling: 10
import numpy as np


def dropout(activations, keep_prob):
    if not 0 < keep_prob <= 1:
        raise ValueError("keep_prob must be in (0, 1]")
    mask = np.random.rand(*activations.shape) < keep_prob
    return activations * mask / keep_prob, mask


def dropout_backward(d_out, mask, keep_prob):
    new_mask = np.random.rand(*d_out.shape) < keep_prob
    return d_out * new_mask / keep_prob
