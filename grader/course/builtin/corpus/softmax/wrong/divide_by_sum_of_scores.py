# ceiling: 0 — must fail every test: each random twin fails, so no example counts
import numpy as np


def softmax(L):
    expL = np.exp(L)
    return expL / sum(L)

# expect: you divided by sum(L); divide by the sum of the exponentials
