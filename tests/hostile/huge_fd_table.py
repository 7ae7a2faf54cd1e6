# Opens files until it cannot and asks for a higher limit on files, memory, CPU, processes and
# file size; dup2 to a huge fd number. ESCAPED if it got past a limit.
# verdict: passed
# score: full
# absent: ESCAPED
import os
import resource

import numpy as np

escaped = []
opened = []
try:
    while len(opened) < 100_000:
        opened.append(os.open("/dev/null", os.O_RDONLY))
except OSError as error:
    print("open stopped after", len(opened), "files:", error)
if len(opened) > 64:
    escaped.append(f"{len(opened)} open files")
try:
    os.dup2(0, 1_000_000)
    escaped.append("fd 1000000")
except OSError as error:
    print("dup2 refused:", error)
for fd in opened:
    os.close(fd)
for name in ("RLIMIT_NOFILE", "RLIMIT_AS", "RLIMIT_CPU", "RLIMIT_NPROC", "RLIMIT_FSIZE"):
    which = getattr(resource, name)
    soft, hard = resource.getrlimit(which)
    if hard == resource.RLIM_INFINITY:
        continue
    try:
        resource.setrlimit(which, (hard * 2, hard * 2))
        escaped.append(f"raised {name}")
    except (OSError, ValueError) as error:
        print(name, "stays at", hard, error)
for name in escaped:
    print("ESCAPED", name)


def softmax(L):
    expL = np.exp(L)
    return expL / np.sum(expL)
