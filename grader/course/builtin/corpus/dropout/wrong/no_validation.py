# Never checks keep_prob.
# expect: a keep_prob outside (0, 1] must raise ValueError
# ceiling: 10
import numpy as np


def dropout(activations, keep_prob):
    mask = np.random.rand(*activations.shape) < keep_prob
    return activations * mask / keep_prob, mask


def dropout_backward(d_out, mask, keep_prob):
    return d_out * mask / keep_prob
