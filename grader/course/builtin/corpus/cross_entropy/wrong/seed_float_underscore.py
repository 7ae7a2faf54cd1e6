# ceiling: 0 — must fail every test: each random twin fails, so no example counts
# The course's own answer: np.float_ was removed in NumPy 2.
import numpy as np


def cross_entropy(Y, P):
    Y = np.float_(Y)
    P = np.float_(P)
    return -np.sum(Y * np.log(P) + (1 - Y) * np.log(1 - P))

# expect: np.float_ was removed in NumPy 2: use np.float64, or np.asarray(values, dtype=float)
