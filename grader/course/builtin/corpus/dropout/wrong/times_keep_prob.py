# Scales by keep_prob the test-time way, in the forward and the backward pass.
# expect: the kept units are multiplied by keep_prob; divide by it
# expect: the gradient is multiplied by keep_prob; divide by it
# ceiling: 7
import numpy as np


def dropout(activations, keep_prob):
    if not 0 < keep_prob <= 1:
        raise ValueError("keep_prob must be in (0, 1]")
    mask = np.random.rand(*activations.shape) < keep_prob
    return activations * mask * keep_prob, mask


def dropout_backward(d_out, mask, keep_prob):
    return d_out * mask * keep_prob
