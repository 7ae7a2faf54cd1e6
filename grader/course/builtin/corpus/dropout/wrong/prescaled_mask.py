# The cs231n habit: the mask itself carries the 1 / keep_prob, and backward divides again.
# expect: your mask holds 1 / keep_prob for the kept units
# expect: the gradient is not scaled
# ceiling: 2
import numpy as np


def dropout(activations, keep_prob):
    if not 0 < keep_prob <= 1:
        raise ValueError("keep_prob must be in (0, 1]")
    mask = (np.random.rand(*activations.shape) < keep_prob) / keep_prob
    return activations * mask, mask


def dropout_backward(d_out, mask, keep_prob):
    return d_out * mask
