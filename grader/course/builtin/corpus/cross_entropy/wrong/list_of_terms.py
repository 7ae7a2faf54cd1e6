# ceiling: 0 — must fail every test: each random twin fails, so no example counts
import math


def cross_entropy(Y, P):
    return [-(y * math.log(p) + (1 - y) * math.log(1 - p)) for y, p in zip(Y, P)]

# expect: it should return one number (a float)
# expect: a missing sum
