# A correct softmax that prints 100 MB at import, through print and straight to fd 1 and 2.
# verdict: passed
# score: full
# output: output truncated
import os
import sys

import numpy as np

line = "spam " * 200_000
for _ in range(50):
    print(line)
    sys.stderr.write(line)
chunk = b"x" * 1_000_000
for _ in range(50):
    for fd in (1, 2):
        try:
            os.write(fd, chunk)
        except OSError:
            pass


def softmax(L):
    print(line)
    expL = np.exp(L)
    return expL / np.sum(expL)
