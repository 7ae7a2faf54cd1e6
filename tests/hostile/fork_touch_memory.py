# Forks 4 children at import, each touching 1.5 GiB (6 GiB in all, three times the memory
# limit), and waits for them. The limit holds for the whole submission: the first fork is
# refused, and the learner is told why.
# verdict: error
# score: 0
# expect: tried to start a new process
import os
import time

import numpy as np

BLOCK = 3 * 2**29  # 1.5 GiB
children = []
for _ in range(4):
    pid = os.fork()
    if pid == 0:
        block = np.zeros(BLOCK, dtype=np.uint8)
        block[::4096] = 1  # one write per page: every page is real memory
        time.sleep(3)
        os._exit(int(block[-1]) - 1)
    children.append(pid)
for pid in children:
    os.waitpid(pid, 0)


def softmax(L):
    expL = np.exp(L)
    return expL / np.sum(expL)
