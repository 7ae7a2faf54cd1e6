# A softmax that starts 4 Python programs touching 1.5 GiB each (subprocess.Popen), and asks
# the shell too (os.system, os.popen), in every call.
# verdict: failed
# score: 0
# expect: tried to start a new process
import os
import subprocess
import sys

import numpy as np

CHILD = ("import numpy, time; b = numpy.zeros(3 * 2**29, dtype=numpy.uint8); b[::4096] = 1; "
         "time.sleep(2)")


def softmax(L):
    os.system(f"{sys.executable} -c '{CHILD}'")
    os.popen("sleep 2").read()
    children = [subprocess.Popen([sys.executable, "-c", CHILD]) for _ in range(4)]
    for child in children:
        child.wait()
    expL = np.exp(L)
    return expL / np.sum(expL)
