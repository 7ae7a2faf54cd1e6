# Checks keep_prob with assert, which raises AssertionError.
# expect: `assert` raises AssertionError
# ceiling: 10
import numpy as np


def dropout(activations, keep_prob):
    assert 0 < keep_prob <= 1, "keep_prob must be in (0, 1]"
    mask = np.random.rand(*activations.shape) < keep_prob
    return activations * mask / keep_prob, mask


def dropout_backward(d_out, mask, keep_prob):
    return d_out * mask / keep_prob
