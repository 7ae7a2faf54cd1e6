from math import log


def cross_entropy(Y, P):
    return -sum(y * log(p) + (1 - y) * log(1 - p) for y, p in zip(Y, P))
