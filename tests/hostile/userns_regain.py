# Tries to get capabilities back: a new user namespace (unshare, and clone with
# CLONE_NEWUSER), entering its own namespaces again (setns), setuid(0), capset, raising an
# ambient capability. ESCALATED if any worked or left it with a capability.
# verdict: passed
# score: full
# absent: ESCALATED
import ctypes
import os
import platform

import numpy as np

libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
CLONE_NEWNS, CLONE_NEWUSER, SIGCHLD = 0x00020000, 0x10000000, 17
PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_SYS_ADMIN = 47, 2, 21
escalated = []


def capabilities():
    with open("/proc/self/status") as status:
        return {key: int(value, 16) for key, _, value in
                (line.partition(":") for line in status) if key in ("CapEff", "CapPrm")}


def attempt(name, result):
    print(name, "->", result, os.strerror(ctypes.get_errno()))
    if result >= 0:
        escalated.append(name)


attempt("unshare(CLONE_NEWUSER)", libc.unshare(CLONE_NEWUSER))
attempt("unshare(CLONE_NEWNS)", libc.unshare(CLONE_NEWNS))
clone = {"x86_64": 56, "aarch64": 220}.get(platform.machine())
if clone is not None:
    pid = libc.syscall(ctypes.c_long(clone), ctypes.c_ulong(CLONE_NEWUSER | SIGCHLD),
                       ctypes.c_ulong(0), ctypes.c_ulong(0), ctypes.c_ulong(0), ctypes.c_ulong(0))
    if pid == 0:
        os._exit(0)
    attempt("clone(CLONE_NEWUSER)", pid)
for name in ("user", "mnt", "pid"):
    try:
        fd = os.open(f"/proc/self/ns/{name}", os.O_RDONLY)
        attempt(f"setns {name}", libc.setns(fd, 0))
        os.close(fd)
    except OSError:
        pass
for call, args in ((os.setuid, (0,)), (os.setresuid, (0, 0, 0)), (os.setgid, (0,)),
                   (os.setgroups, ([0],))):
    try:
        call(*args)
        print(call.__name__, "succeeded")
    except OSError as error:
        print(call.__name__, "refused:", error)


class Header(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


full = (ctypes.c_uint32 * 6)(*([0xFFFFFFFF] * 6))
attempt("capset all", libc.capset(ctypes.byref(Header(0x20080522, 0)), full))
attempt("ambient CAP_SYS_ADMIN", libc.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_SYS_ADMIN,
                                            0, 0))
held = capabilities()
print("capabilities", held)
if any(held.values()):
    escalated.append(f"capabilities {held}")
for name in escalated:
    print("ESCALATED", name)


def softmax(L):
    expL = np.exp(L)
    return expL / np.sum(expL)
