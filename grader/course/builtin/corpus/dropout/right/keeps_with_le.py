# Keeps a unit when the draw is <= keep_prob (ties have probability 0), divides first.
import numpy as np


def dropout(activations, keep_prob):
    if keep_prob <= 0 or keep_prob > 1:
        raise ValueError("keep_prob out of range")
    scaled = activations / keep_prob
    mask = np.random.rand(*activations.shape) <= keep_prob
    return scaled * mask, mask


def dropout_backward(d_out, mask, keep_prob):
    return (d_out / keep_prob) * mask
