import math


def softmax(L):
    exps = []
    for score in L:
        exps.append(math.exp(score))
    total = 0.0
    for e in exps:
        total += e
    return [e / total for e in exps]
