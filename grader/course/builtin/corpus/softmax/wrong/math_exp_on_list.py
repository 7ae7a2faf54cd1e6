# ceiling: 0 — must fail every test: each random twin fails, so no example counts
import math


def softmax(L):
    expL = math.exp(L)
    return expL / sum(expL)

# expect: math.exp and math.log take one number at a time
