import numpy as np


def softmax(L):
    print(np.exp(L) / np.sum(np.exp(L)))

# expect: Did you forget the `return` statement?
