# The product first, then one math.log: math.log(0.0) raises once the product underflows.
import math


def likelihood(Y, P):
    result = 1.0
    for y_row, p_row in zip(Y, P):
        result *= sum(y * p for y, p in zip(y_row, p_row))
    return result


def multiclass_cross_entropy(Y, P):
    return -math.log(likelihood(Y, P))

# expect: math.log(0) fails
# ceiling: 8
