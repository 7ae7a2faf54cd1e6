# ceiling: 0 — must fail every test: each random twin fails, so no example counts
import numpy as np


def cross_entropy(Y, P):
    Y = np.asarray(Y, dtype=float)
    P = np.asarray(P, dtype=float)
    return -np.sum(P * np.log(Y) + (1 - P) * np.log(1 - Y))

# expect: Did you swap Y and P?
