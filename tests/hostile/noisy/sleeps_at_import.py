# A correct softmax that takes two seconds to import.
import time

import numpy as np

time.sleep(2)


def softmax(L):
    expL = np.exp(L)
    return expL / np.sum(expL)
