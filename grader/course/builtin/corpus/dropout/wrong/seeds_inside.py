# Seeds the global random state inside dropout "to make it reproducible".
# expect: do not call np.random.seed inside dropout
# ceiling: 8
import numpy as np


def dropout(activations, keep_prob):
    if not 0 < keep_prob <= 1:
        raise ValueError("keep_prob must be in (0, 1]")
    np.random.seed(1)
    mask = np.random.rand(*activations.shape) < keep_prob
    return activations * mask / keep_prob, mask


def dropout_backward(d_out, mask, keep_prob):
    return d_out * mask / keep_prob
