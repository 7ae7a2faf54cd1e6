# ceiling: 0 — must fail every test: each random twin fails, so no example counts
# The course text says "exp is squaring a number", so this learner squares.
import numpy as np


def softmax(L):
    expl = [x ** 2 for x in L]
    sumExpl = sum(expl)
    result = []
    for i in expl:
        result.append(i * 1.0 / sumExpl)
    return result

# expect: exp is not squaring: use np.exp(L), not L**2
