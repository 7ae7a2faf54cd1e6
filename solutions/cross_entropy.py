"""Reference solution: the course's cross entropy, with np.float64 in place of np.float_."""

import numpy as np


def cross_entropy(Y, P):
    Y = np.asarray(Y, dtype=np.float64)
    P = np.asarray(P, dtype=np.float64)
    return -np.sum(Y * np.log(P) + (1 - Y) * np.log(1 - P))


if __name__ == "__main__":
    print(cross_entropy([1, 0, 1, 1], [0.4, 0.6, 0.1, 0.5]))
