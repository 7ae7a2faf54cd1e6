# Reaches for the memory of the process that started it (a stand-in parent, which has no
# seccomp filter and could fork for it): opens /proc/<parent>/mem and /proc/1/mem for writing,
# and writes nothing. ESCAPED if one opened.
# verdict: passed
# score: full
# absent: ESCAPED
import os

import numpy as np

for pid in sorted({os.getppid(), 1}):
    try:
        os.close(os.open(f"/proc/{pid}/mem", os.O_RDWR))
        print("ESCAPED could write the memory of", pid)
    except OSError as error:
        print("the memory of", pid, "is out of reach:", error)


def softmax(L):
    expL = np.exp(L)
    return expL / np.sum(expL)
