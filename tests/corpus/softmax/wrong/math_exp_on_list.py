import math


def softmax(L):
    expL = math.exp(L)
    return expL / sum(expL)

# expect: math.exp and math.log take one number at a time
