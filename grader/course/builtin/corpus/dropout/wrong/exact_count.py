# Keeps exactly round(keep_prob * n) units, chosen at random.
# expect: Choosing exactly keep_prob * n units (np.random.choice without replacement, or a shuffled mask) is not dropout.
# ceiling: 11
import numpy as np


def dropout(activations, keep_prob):
    if not 0 < keep_prob <= 1:
        raise ValueError("keep_prob must be in (0, 1]")
    n = activations.size
    kept = np.random.choice(n, size=int(round(keep_prob * n)), replace=False)
    mask = np.zeros(n, dtype=bool)
    mask[kept] = True
    mask = mask.reshape(activations.shape)
    return activations * mask / keep_prob, mask


def dropout_backward(d_out, mask, keep_prob):
    return d_out * mask / keep_prob
