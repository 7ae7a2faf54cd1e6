# ceiling: 0 — must fail every test: each random twin fails, so no example counts
# Tried the numerically stable version, but subtracted the maximum in one place only.
import numpy as np


def softmax(L):
    L = np.asarray(L, dtype=float)
    return np.exp(L) / np.sum(np.exp(L - np.max(L)))

# expect: subtract max(L) in the numerator too
