"""Reference solution: inverted dropout (seed section 15.3), forward and backward."""

import numpy as np


def dropout(activations, keep_prob):
    if not 0 < keep_prob <= 1:
        raise ValueError(f"keep_prob must be in (0, 1], not {keep_prob}")
    mask = np.random.rand(*activations.shape) < keep_prob
    return activations * mask / keep_prob, mask


def dropout_backward(d_out, mask, keep_prob):
    return d_out * mask / keep_prob


if __name__ == "__main__":
    np.random.seed(42)
    hidden = np.array([[0.5, 1.0, 1.5, 2.0], [2.5, 3.0, 3.5, 4.0]])
    dropped, mask = dropout(hidden, 0.8)
    print("Kept units:")
    print(mask)
    print("Activations after dropout (kept ones scaled by 1 / 0.8):")
    print(dropped)
    print("Gradient through the same mask:")
    print(dropout_backward(np.ones_like(hidden), mask, 0.8))
