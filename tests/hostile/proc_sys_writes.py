# Opens the kernel's switches for writing (and writes nothing): core_pattern (a pipe there runs
# a program as root), sysrq-trigger, drop_caches, cgroup release agents; writes core_pattern's
# own value back; lowers its own OOM score. ESCAPED if any of it worked.
# needs: safe
# verdict: passed
# score: full
# absent: ESCAPED
import glob
import os

import numpy as np

paths = ["/proc/sys/kernel/core_pattern", "/proc/sysrq-trigger", "/proc/sys/vm/drop_caches",
         "/proc/sys/kernel/modprobe", "/proc/sys/kernel/pid_max", "/sys/kernel/uevent_helper"]
paths += glob.glob("/sys/fs/cgroup/*/release_agent") + glob.glob("/sys/fs/cgroup/release_agent")
for path in paths:
    try:
        os.close(os.open(path, os.O_WRONLY))
        print("ESCAPED could write", path)
    except OSError:
        pass
try:
    with open("/proc/sys/kernel/core_pattern", "r+") as handle:
        handle.write(handle.read())
    print("ESCAPED wrote core_pattern")
except OSError:
    pass
try:
    with open("/proc/self/oom_score_adj", "w") as handle:
        handle.write("-1000")
    print("ESCAPED made itself unkillable by the OOM killer")
except OSError:
    pass


def softmax(L):
    expL = np.exp(L)
    return expL / np.sum(expL)
