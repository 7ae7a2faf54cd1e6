"""Dropout: switch off random hidden units while training, so that no unit can rely on another.

On every training step each unit is kept with probability keep_prob and dropped (set to 0)
otherwise, independently of the others, with a new random choice every call. This is "inverted"
dropout: the kept units are divided by keep_prob, so each unit's expected value stays the same
and nothing needs rescaling when the network is used without dropout.

    mask = np.random.rand(*activations.shape) < keep_prob     # True = kept
    dropout(activations, keep_prob)        -> (activations * mask / keep_prob, mask)
    dropout_backward(d_out, mask, keep_prob) -> d_out * mask / keep_prob

Draw from NumPy's global random state (np.random.rand), so that np.random.seed decides the mask;
never call np.random.seed inside dropout. The mask may hold bools or 0/1 numbers. keep_prob = 1
keeps everything; a keep_prob outside (0, 1] raises ValueError. dropout_backward sends the
gradient back through the same mask it is given, scaled the same way.

Check your work with:  grader check dropout.py
"""

import numpy as np


def dropout(activations, keep_prob):
    """Return (activations * mask / keep_prob, mask) for a freshly drawn mask."""
    raise NotImplementedError


def dropout_backward(d_out, mask, keep_prob):
    """Return the gradient that flows back through the mask: d_out * mask / keep_prob."""
    raise NotImplementedError


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
