# A correct softmax that prints every environment it can find: its own, and those of other
# processes through /proc. The grader's caller's variables must not be among them.
# needs: safe
# verdict: passed
# score: full
import os

import numpy as np

print(dict(os.environ))
for pid in os.listdir("/proc"):
    if pid.isdigit():
        try:
            with open(f"/proc/{pid}/environ", "rb") as handle:
                print(pid, handle.read().replace(b"\0", b" ").decode(errors="replace"))
        except OSError as error:
            print(pid, "unreadable:", error.strerror)


def softmax(L):
    expL = np.exp(L)
    return expL / np.sum(expL)
