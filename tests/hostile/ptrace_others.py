# Reaches into other processes: ptrace(PTRACE_SEIZE) then detaches, process_vm_readv, reads
# /proc/<pid>/mem, and takes a copy of their fds with pidfd_getfd; also PTRACE_TRACEME. Any
# process besides its own learner process and sandbox must be out of reach (LEAK if not).
# needs: safe
# verdict: passed
# score: full
# absent: LEAK
import ctypes
import os

import numpy as np

PTRACE_TRACEME, PTRACE_DETACH, PTRACE_SEIZE = 0, 17, 0x4206
OWN = (b"grader.boundary.learner", b"bwrap", b"unshare")
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
libc.ptrace.restype = ctypes.c_long
print("PTRACE_TRACEME:", libc.ptrace(PTRACE_TRACEME, 0, None, None))


class IoVec(ctypes.Structure):
    _fields_ = [("base", ctypes.c_void_p), ("length", ctypes.c_size_t)]


buffer = ctypes.create_string_buffer(64)
for name in os.listdir("/proc"):
    if not name.isdigit() or int(name) == os.getpid():
        continue
    pid = int(name)
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            command = handle.read()
    except OSError:
        command = b""
    if any(mark in command for mark in OWN):
        continue
    if libc.ptrace(PTRACE_SEIZE, pid, None, None) == 0:
        libc.ptrace(PTRACE_DETACH, pid, None, None)
        print("LEAK ptrace", pid)
    try:
        with open(f"/proc/{pid}/maps") as handle:
            start = int(handle.readline().split("-")[0], 16)
        local, remote = IoVec(ctypes.addressof(buffer), 64), IoVec(start, 64)
        if libc.process_vm_readv(pid, ctypes.byref(local), 1, ctypes.byref(remote), 1, 0) > 0:
            print("LEAK process_vm_readv", pid)
        with open(f"/proc/{pid}/mem", "rb") as memory:
            memory.seek(start)
            memory.read(64)
            print("LEAK /proc/pid/mem", pid)
    except (OSError, ValueError):
        pass
    pidfd = libc.syscall(ctypes.c_long(434), ctypes.c_int(pid), ctypes.c_uint(0))
    if pidfd >= 0:
        for fd in range(8):
            stolen = libc.syscall(ctypes.c_long(438), ctypes.c_int(pidfd), ctypes.c_int(fd),
                                  ctypes.c_uint(0))
            if stolen >= 0:
                print("LEAK pidfd_getfd", pid, fd)
                os.close(stolen)
        os.close(pidfd)


def softmax(L):
    expL = np.exp(L)
    return expL / np.sum(expL)
