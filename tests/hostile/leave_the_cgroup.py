# Tries to leave the pids cgroup that caps its threads, or to raise its cap: mounts the cgroup
# file systems (v1 pids and v2) where it can, then writes its pid into every cgroup.procs and
# tasks file it can find and a higher number into every pids.max. ESCAPED if a write took.
# needs: safe
# verdict: passed
# score: full
# absent: ESCAPED
import ctypes
import os

import numpy as np

libc = ctypes.CDLL(None, use_errno=True)
for target, kind, options in (("/tmp/cg1", b"cgroup", b"pids"), ("/tmp/cg2", b"cgroup2", None)):
    os.makedirs(target, exist_ok=True)
    if libc.mount(kind, target.encode(), kind, 0, options) == 0:
        print("ESCAPED: mounted", kind, "at", target)
    else:
        print("mount", kind, "refused:", os.strerror(ctypes.get_errno()))
print("own cgroups:", open("/proc/self/cgroup").read().split())
for top in ("/sys/fs/cgroup", "/tmp/cg1", "/tmp/cg2"):
    for folder, _folders, files in os.walk(top):
        for name, value in (("cgroup.procs", os.getpid()), ("tasks", os.getpid()),
                            ("pids.max", "max")):
            if name in files:
                try:
                    with open(os.path.join(folder, name), "w") as handle:
                        handle.write(str(value))
                    print("ESCAPED: wrote", value, "to", os.path.join(folder, name))
                except OSError:
                    pass


def softmax(L):
    expL = np.exp(np.asarray(L, dtype=float) - np.max(L))
    return expL / expL.sum()
