import math


def softmax(L):
    top = max(L)
    exps = [math.exp(x - top) for x in L]
    total = sum(exps)
    return tuple(e / total for e in exps)
