# ceiling: 0 — must fail every test: each random twin fails, so no example counts
import numpy as np


def softmax(L):
    expl = np.exp(L)
    sumExpl = sum(expl)
    result = []
    for i in expl:
        result.append(i * 1.0 / sumExpl)
        return result

# expect: only the first probability
# expect: is your `return` inside the loop?
