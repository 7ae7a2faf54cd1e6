"""Confinement a process applies to itself: switching uid, a seccomp filter, parent-death signals.

The learner process calls these before the learner's module is imported, while its code is still
ours. They need no privileges beyond what the launch level gives (root for the uid switch) and
fail loudly where a level relies on them, quietly where they are an extra layer.
"""

from __future__ import annotations

import ctypes
import os
import platform
import signal
import struct

PR_SET_PDEATHSIG = 1
PR_SET_DUMPABLE = 4
PR_SET_SECCOMP = 22
PR_SET_CHILD_SUBREAPER = 36
PR_SET_NO_NEW_PRIVS = 38
SECCOMP_MODE_FILTER = 2

# seccomp_data: int nr at offset 0, u32 arch at offset 4. Per architecture: the audit arch and the
# numbers of socket(2) and io_uring_setup(2) (io_uring can open sockets without calling socket).
_ARCHES = {
    "x86_64": (0xC000003E, 41, 425),
    "aarch64": (0xC00000B7, 198, 425),
}
_X32_BIT = 0x40000000
_RET_ALLOW = 0x7FFF0000
_RET_ERRNO = 0x00050000
_EACCES = 13


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


def prctl(option: int, value: int, pointer=None) -> bool:
    try:
        result = _libc().prctl(option, ctypes.c_ulong(value),
                               pointer if pointer is not None else ctypes.c_ulong(0),
                               ctypes.c_ulong(0), ctypes.c_ulong(0))
    except (OSError, AttributeError):
        return False
    return result == 0


def die_with_parent() -> None:
    """Be killed outright when the process that started this one ends."""
    prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def make_undumpable() -> None:
    """Hide this process's memory, environment and fds from same-uid processes in /proc."""
    prctl(PR_SET_DUMPABLE, 0)


def become_subreaper() -> None:
    """Adopt orphaned descendants (a learner's grandchildren), so they can still be found."""
    prctl(PR_SET_CHILD_SUBREAPER, 1)


def become(uid: int) -> None:
    """Switch to `uid` for good: groups, real, effective and saved ids, capabilities gone."""
    os.setgroups([])
    os.setresgid(uid, uid, uid)
    os.setresuid(uid, uid, uid)
    if os.getuid() != uid or os.geteuid() != uid or os.getgid() != uid:
        raise PermissionError(f"could not switch to uid {uid}")
    # A credential change clears the parent-death signal and the dumpable flag; the learner's
    # own /proc/self must stay readable to it.
    die_with_parent()
    prctl(PR_SET_DUMPABLE, 1)


def seccomp_supported() -> bool:
    return platform.machine() in _ARCHES


def deny_sockets() -> bool:
    """Install a seccomp filter under which socket(2) and io_uring fail with EACCES.

    The learner process already holds the one socket it needs (inherited); it never opens
    another, so this closes the network even where no network namespace is available.
    Returns False where seccomp filters cannot be installed.
    """
    arch = _ARCHES.get(platform.machine())
    if arch is None:
        return False
    audit_arch, socket_nr, io_uring_nr = arch
    deny = _RET_ERRNO | _EACCES
    program = [
        (0x20, 0, 0, 4),               # A = seccomp_data.arch
        (0x15, 1, 0, audit_arch),      # native arch: go on; any other ABI: deny
        (0x06, 0, 0, deny),
        (0x20, 0, 0, 0),               # A = seccomp_data.nr
        (0x35, 0, 1, _X32_BIT),        # x32 system calls: deny
        (0x06, 0, 0, deny),
        (0x15, 0, 1, socket_nr),
        (0x06, 0, 0, deny),
        (0x15, 0, 1, io_uring_nr),
        (0x06, 0, 0, deny),
        (0x06, 0, 0, _RET_ALLOW),
    ]
    filters = b"".join(struct.pack("HBBI", *instruction) for instruction in program)
    buffer = ctypes.create_string_buffer(filters, len(filters))

    class SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    fprog = SockFprog(len(program), ctypes.cast(buffer, ctypes.c_void_p))
    if not prctl(PR_SET_NO_NEW_PRIVS, 1):
        return False
    return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(fprog))


def nanny(keep_closed: list[int]) -> None:
    """Fork; the parent stays behind as a stand-in that mirrors how the child ends.

    In a plain process, `os.kill(os.getppid(), 9)` from the learner's code would hit the grader.
    After this it hits the stand-in, whose death takes the learner with it. Returns in the child;
    the parent never returns. `keep_closed` are fds the stand-in closes (the learner's socket),
    so the trusted side sees the channel close when the child dies.
    """
    child = os.fork()
    if child == 0:
        die_with_parent()
        return
    for fd in keep_closed:
        try:
            os.close(fd)
        except OSError:
            pass
    while True:
        try:
            _, status = os.waitpid(child, 0)
            break
        except InterruptedError:
            continue
        except ChildProcessError:
            os._exit(1)
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        try:
            signal.signal(number, signal.SIG_DFL)
        except (OSError, ValueError):
            pass
        os.kill(os.getpid(), number)
    os._exit(os.waitstatus_to_exitcode(status) & 0xFF)
