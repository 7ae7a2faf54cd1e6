# A softmax that first has a multiprocessing.Pool of 4 workers touch 1.5 GiB each, in every
# call: the pool cannot start, and every test says why.
# verdict: failed
# score: 0
# expect: tried to start a new process
import multiprocessing
import time

import numpy as np

BLOCK = 3 * 2**29  # 1.5 GiB


def _touch(size):
    block = np.zeros(size, dtype=np.uint8)
    block[::4096] = 1  # one write per page: every page is real memory
    time.sleep(2)
    return int(block[-1])


def softmax(L):
    with multiprocessing.Pool(4) as pool:
        pool.map(_touch, [BLOCK] * 4)
    expL = np.exp(L)
    return expL / np.sum(expL)
