# ceiling: 0 — must fail every test: each random twin fails, so no example counts
import math


def cross_entropy(Y, P):
    total = 0.0
    for y, p in zip(Y, P):
        total = -(y * math.log(p) + (1 - y) * math.log(1 - p))
    return total

# expect: only the last point counts
