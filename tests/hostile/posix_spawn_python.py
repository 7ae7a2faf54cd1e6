# A softmax that starts 4 Python programs touching 1.5 GiB each with os.posix_spawn (which
# clone()s with CLONE_VM | CLONE_VFORK, not fork), in every call.
# verdict: failed
# score: 0
# expect: tried to start a new process
import os
import sys

import numpy as np

CHILD = ("import numpy, time; b = numpy.zeros(3 * 2**29, dtype=numpy.uint8); b[::4096] = 1; "
         "time.sleep(2)")


def softmax(L):
    children = [os.posix_spawn(sys.executable, [sys.executable, "-c", CHILD], {})
                for _ in range(4)]
    for pid in children:
        os.waitpid(pid, 0)
    expL = np.exp(L)
    return expL / np.sum(expL)
