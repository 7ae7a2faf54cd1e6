# ceiling: 0 — must fail every test: each random twin fails, so no example counts
import numpy as np


def softmax(L):
    print(np.exp(L) / np.sum(np.exp(L)))

# expect: Did you forget the `return` statement?
