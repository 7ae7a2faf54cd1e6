# A correct softmax that moves to / at import and to its home in every call.
import os

import numpy as np

os.chdir("/")


def softmax(L):
    os.chdir(os.path.expanduser("~"))
    expL = np.exp(np.asarray(L, dtype=float))
    return expL / np.sum(expL)
