# ceiling: 0 — must fail every test: each random twin fails, so no example counts
import math


def cross_entropy(Y, P):
    total = 0.0
    for y, p in zip(Y, P):
        total -= y * math.log2(p) + (1 - y) * math.log2(1 - p)
    return total

# expect: log base 2? Use the natural log
