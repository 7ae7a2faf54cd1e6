# ceiling: 0 — must fail every test: each random twin fails, so no example counts
import math


def cross_entropy(Y, P):
    return -sum(Y * math.log(P) + (1 - Y) * math.log(1 - P))

# expect: math.exp and math.log take one number at a time
