# Loops over the records, but each one replaces the total instead of adding to it.
import math


def likelihood(Y, P):
    result = 1.0
    for y_row, p_row in zip(Y, P):
        for y, p in zip(y_row, p_row):
            if y == 1:
                result *= p
    return result


def multiclass_cross_entropy(Y, P):
    total = 0.0
    for y_row, p_row in zip(Y, P):
        for y, p in zip(y_row, p_row):
            if y == 1:
                total = -math.log(p)
    return total

# expect: only the last record counts
# ceiling: 2
