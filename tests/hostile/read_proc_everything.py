# Reads every process it can see through /proc (environment, command line, memory maps, open
# files, working folder, root) and signals each with signal 0, and everyone at once with
# kill(-1, 0). Any process besides its own learner process and sandbox (the grader's worker,
# pytest, an instructor's shell) must be out of sight and out of reach.
# needs: safe
# verdict: passed
# score: full
# absent: LEAK
import os

import numpy as np

OWN = (b"grader.boundary.learner", b"grader.boundary.template", b"bwrap", b"unshare")


def _read(path):
    try:
        with open(path, "rb") as handle:
            return handle.read(1 << 16)
    except OSError:
        return None


for pid in sorted(int(name) for name in os.listdir("/proc") if name.isdigit()):
    if pid == os.getpid():
        continue
    command = _read(f"/proc/{pid}/cmdline")
    if command is None or any(mark in command for mark in OWN):
        continue
    print("LEAK cmdline", pid, command.replace(b"\0", b" ")[:200])
    for name in ("environ", "maps", "status", "stat", "io", "smaps_rollup"):
        if _read(f"/proc/{pid}/{name}") is not None:
            print("LEAK", name, pid)
    for link in ("cwd", "root", "exe", "fd/0", "fd/1", "fd/3"):
        try:
            print("LEAK link", pid, link, os.readlink(f"/proc/{pid}/{link}"))
        except OSError:
            pass
    try:
        os.kill(pid, 0)
        print("LEAK can signal", pid)
    except OSError:
        pass
try:
    os.kill(-1, 0)
    print("LEAK kill(-1) reaches some process")
except OSError as error:
    print("kill(-1, 0):", error)
for pid in (1, os.getppid()):
    environment = _read(f"/proc/{pid}/environ") or b""
    if b"NN_GRADER" in environment or b"SECRET" in environment:
        print("LEAK the grader's environment through", pid)


def softmax(L):
    expL = np.exp(L)
    return expL / np.sum(expL)
