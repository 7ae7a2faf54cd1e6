import math


def cross_entropy(Y, P):
    total = 0.0
    for i in range(len(Y)):
        if Y[i] == 1:
            total -= math.log(P[i])
        else:
            total -= math.log(1 - P[i])
    return total
