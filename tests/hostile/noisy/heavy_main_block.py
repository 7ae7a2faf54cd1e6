# A correct softmax with slow, interactive and exiting code under `if __name__ == "__main__":`.
import sys

import numpy as np


def softmax(L):
    expL = np.exp(L)
    return expL / np.sum(expL)


if __name__ == "__main__":
    name = input("Your name? ")
    while True:
        softmax(np.random.rand(10_000))
    sys.exit(1)
