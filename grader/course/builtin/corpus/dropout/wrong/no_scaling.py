# Plain dropout: the kept units are not divided by keep_prob.
# expect: the kept units are not scaled: inverted dropout divides them by keep_prob
# expect: the mean shrank by keep_prob
# ceiling: 7
import numpy as np


def dropout(activations, keep_prob):
    if keep_prob <= 0 or keep_prob > 1:
        raise ValueError("keep_prob must be in (0, 1]")
    mask = np.random.rand(*activations.shape) < keep_prob
    return activations * mask, mask


def dropout_backward(d_out, mask, keep_prob):
    return d_out * mask
