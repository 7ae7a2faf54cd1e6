"""Reference solution: the likelihood as a product, the cross entropy as a sum of logs."""

import numpy as np


def likelihood(Y, P):
    Y = np.asarray(Y, dtype=float)
    P = np.asarray(P, dtype=float)
    return np.prod(np.sum(Y * P, axis=1))


def multiclass_cross_entropy(Y, P):
    Y = np.asarray(Y, dtype=float)
    P = np.asarray(P, dtype=float)
    return -np.sum(Y * np.log(P))


if __name__ == "__main__":
    Y = [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0]]
    model_a = [[0.6, 0.3, 0.1], [0.5, 0.2, 0.3], [0.3, 0.6, 0.1], [0.7, 0.2, 0.1]]
    model_b = [[0.7, 0.2, 0.1], [0.05, 0.9, 0.05], [0.1, 0.1, 0.8], [0.6, 0.3, 0.1]]
    for name, P in (("A", model_a), ("B", model_b)):
        print(name, likelihood(Y, P), multiclass_cross_entropy(Y, P))
