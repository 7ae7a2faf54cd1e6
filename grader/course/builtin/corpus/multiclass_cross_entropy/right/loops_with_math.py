# Pure Python: loops over records and classes, math.log one number at a time.
import math


def likelihood(Y, P):
    product = 1.0
    for i in range(len(Y)):
        record = 0.0
        for j in range(len(Y[i])):
            record += Y[i][j] * P[i][j]
        product *= record
    return product


def multiclass_cross_entropy(Y, P):
    total = 0.0
    for i in range(len(Y)):
        for j in range(len(Y[i])):
            if Y[i][j] == 1:
                total -= math.log(P[i][j])
    return total
