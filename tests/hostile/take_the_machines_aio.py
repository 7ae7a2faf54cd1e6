# Takes the machine's whole quota of asynchronous I/O events (fs.aio-max-nr, 65536 by default,
# shared by every process of the machine: a database beside the grader would have none left
# while the learner runs), with io_setup() of half of it (the kernel counts each event twice).
# ESCAPED if the kernel granted it.
# verdict: passed
# score: full
# absent: ESCAPED
import ctypes
import os

import numpy as np

IO_SETUP = {"x86_64": 206, "aarch64": 0}[os.uname().machine]
libc = ctypes.CDLL(None, use_errno=True)
try:
    with open("/proc/sys/fs/aio-max-nr") as handle:
        quota = int(handle.read())
except OSError:
    quota = 65536
context = ctypes.c_ulong(0)
if libc.syscall(IO_SETUP, quota // 2 - 1, ctypes.byref(context)) == 0:
    print("ESCAPED: the machine's asynchronous I/O quota is taken:", quota // 2 - 1, "events")
else:
    print("io_setup refused:", os.strerror(ctypes.get_errno()))


def softmax(L):
    expL = np.exp(np.asarray(L, dtype=float) - np.max(L))
    return expL / expL.sum()
