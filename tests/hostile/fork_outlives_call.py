# A softmax that forks a child to sleep after each call: graded code runs in one process, so
# the fork is refused and every test says why.
# verdict: failed
# score: 0
# expect: tried to start a new process
import os
import time

import numpy as np


def softmax(L):
    if os.fork() == 0:
        time.sleep(600)
        os._exit(0)
    expL = np.exp(L)
    return expL / np.sum(expL)
