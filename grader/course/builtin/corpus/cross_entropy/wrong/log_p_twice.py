# ceiling: 0 — must fail every test: each random twin fails, so no example counts
import numpy as np


def cross_entropy(Y, P):
    Y = np.asarray(Y, dtype=float)
    P = np.asarray(P, dtype=float)
    return -np.sum(Y * np.log(P) + (1 - Y) * np.log(P))

# expect: the second term takes ln(P); it needs ln(1 - P)
