"""Confinement a process applies to itself: its own root filesystem, a uid or no capabilities,
a seccomp filter, parent-death signals.

The learner process calls these before the learner's module is imported, while its code is still
ours. They need no privileges beyond what the launch level gives (root, or root in a user
namespace, for the mounts and the uid switch) and fail loudly where a level relies on them,
quietly where they are an extra layer.
"""

from __future__ import annotations

import ctypes
import errno
import os
import platform
import re
import signal
import struct
from pathlib import Path

PR_SET_PDEATHSIG = 1
PR_SET_DUMPABLE = 4
PR_SET_SECCOMP = 22
PR_CAPBSET_DROP = 24
PR_SET_CHILD_SUBREAPER = 36
PR_SET_NO_NEW_PRIVS = 38
PR_CAP_AMBIENT = 47
PR_CAP_AMBIENT_CLEAR_ALL = 4
SECCOMP_MODE_FILTER = 2

CLONE_THREAD = 0x00010000
# Process creation fails with this errno; the learner is told what it means (feedback.py).
PROCESS_ERRNO = errno.EPERM
# socket(2) and io_uring fail with this one, as a firewall would refuse a connection.
SOCKET_ERRNO = errno.EACCES
# What the learner process reports when the filter took (launch.Level.describe reads it).
SECCOMP_LAYER = "one process, no new sockets (seccomp)"

# Syscalls numbered alike on every architecture (added after the tables were unified).
_IO_URING = (425, 426, 427)
_NEW_MOUNT_API = (428, 429, 430, 431, 432, 433, 442)  # open_tree .. fspick, mount_setattr
_CLONE3 = 435
_PIDFD_GETFD = 438
_MEMFD_SECRET = 447
# Per architecture: the audit arch; clone; other ways to start or become a process (fork,
# vfork, execve, execveat); socket and socketpair; prctl; and what no learner needs and an attacker
# wants: ptrace, process_vm_readv/writev, kcmp, mount, umount2, pivot_root, chroot, unshare,
# setns, keyrings (add_key, request_key, keyctl), bpf, perf_event_open, userfaultfd, handles
# (name_to_handle_at, open_by_handle_at), modules, kexec, reboot, swap, acct, quotactl, syslog,
# lookup_dcookie, System V IPC (shmget, msgget, semget: what they make outlives the process,
# and its memory any limit, where there is no IPC namespace), memfd_create (memory outside the
# address space the limit counts), vmsplice, splice, tee and sendfile (a pipe or socket they
# fill holds the pages themselves: one byte of each of 256 huge pages, unmapped after, leaves
# 512 MiB in one pipe that RLIMIT_AS no longer counts; from a file, whole folios of its page
# cache that the kernel can no longer reclaim), io_setup (asynchronous I/O events come from one
# quota for the whole machine, fs.aio-max-nr, which one call can take) and, on x86, iopl and
# ioperm.
_ARCHES = {
    "x86_64": (0xC000003E, 56, (57, 58, 59, 322), (41, 53), 157,
               (101, 310, 311, 312, 165, 166, 155, 161, 272, 308, 248, 249, 250, 321, 298, 323,
                303, 304, 175, 176, 313, 246, 320, 169, 167, 168, 163, 179, 103, 212, 29,
                68, 64, 319, 278, 275, 276, 40, 206, 172, 173)),
    "aarch64": (0xC00000B7, 220, (221, 281), (198, 199), 167,
                (117, 270, 271, 272, 40, 39, 41, 51, 97, 268, 217, 218, 219, 280, 241, 282,
                 264, 265, 105, 106, 273, 104, 294, 142, 224, 225, 89, 60, 116, 18, 194,
                 186, 190, 279, 75, 76, 77, 71, 0)),
}
# socketpair(2) is allowed for AF_UNIX only: a pair of another family is a socket of that
# family, and socket(2) is refused to keep the kernel's protocols (and the modules some of them
# load on demand) out of reach.
AF_UNIX = 1
_X32_BIT = 0x40000000
_RET_ALLOW = 0x7FFF0000
_RET_ERRNO = 0x00050000
# Classic BPF opcodes: load a word of seccomp_data; jump if equal, greater or equal, any bit
# set; return.
_LOAD, _JEQ, _JGE, _JSET, _RET = 0x20, 0x15, 0x35, 0x45, 0x06
# seccomp_data: int nr at offset 0, u32 arch at 4, u64 instruction pointer at 8, u64 args[6] at
# 16: the low half of args[0] (little-endian) is at 16.
_NR, _ARCH, _ARG0 = 0, 4, 16

# Mount flags and syscalls for building a root filesystem.
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 32, 4096, 16384, 1 << 18
MNT_DETACH = 2
MOUNT_ATTR_RDONLY, MOUNT_ATTR_NOSUID, MOUNT_ATTR_NODEV = 1, 2, 4
AT_FDCWD, AT_RECURSIVE = -100, 0x8000
_PIVOT_ROOT = {"x86_64": 155, "aarch64": 41}
_MOUNT_SETATTR = 442
# What bubblewrap's --dev provides, as devices bound from the host and links into /proc.
DEVICES = ("null", "zero", "full", "random", "urandom", "tty")
DEVICE_LINKS = {"fd": "/proc/self/fd", "stdin": "/proc/self/fd/0",
                "stdout": "/proc/self/fd/1", "stderr": "/proc/self/fd/2"}


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
    _drop_bounding_set()
    os.setgroups([])
    os.setresgid(uid, uid, uid)
    os.setresuid(uid, uid, uid)
    if os.getuid() != uid or os.geteuid() != uid or os.getgid() != uid:
        raise PermissionError(f"could not switch to uid {uid}")
    _clear_capabilities()
    # A credential change clears the parent-death signal and the dumpable flag; the learner's
    # own /proc/self must stay readable to it.
    die_with_parent()
    prctl(PR_SET_DUMPABLE, 1)


def drop_capabilities() -> None:
    """Keep this uid but give up every capability, for good: the bounding set (so no program
    run later gets any back), the ambient, inheritable, permitted and effective sets.

    Where the uid is 0 (root, or root in a user namespace) that leaves a uid that owns files
    but can override no permission check: what a level that cannot switch uid has left."""
    _drop_bounding_set()
    _clear_capabilities()


def _clear_capabilities() -> None:
    """Empty the ambient, inheritable, permitted and effective sets, and check that they are."""
    prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL)

    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    empty = (ctypes.c_uint32 * 6)()
    if _libc().capset(ctypes.byref(Header(0x20080522, 0)), empty) != 0:  # version 3
        raise PermissionError(f"capset failed: {os.strerror(ctypes.get_errno())}")
    held = {key: value for key, value in capabilities().items() if key != "CapBnd" and value}
    if held:
        raise PermissionError(f"capabilities still held: {held}")


def _drop_bounding_set() -> None:
    """Empty the bounding set where this process may (it needs CAP_SETPCAP); elsewhere there
    is nothing to drop that the no-new-privileges flag does not already neutralise."""
    try:
        last = int(Path("/proc/sys/kernel/cap_last_cap").read_text())
    except (OSError, ValueError):
        last = 63
    for capability in range(last + 1):
        if not prctl(PR_CAPBSET_DROP, capability):
            return


def capabilities() -> dict[str, int]:
    """This process's capability sets, as /proc/self/status shows them."""
    found = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb"):
            found[key] = int(value, 16)
    return found


def seccomp_supported() -> bool:
    return platform.machine() in _ARCHES


def _filter_program(arch: tuple) -> list[tuple[int, int, int, int]]:
    """The BPF program: other ABIs (i386, x32) denied whole; sockets (socketpair but for
    AF_UNIX), io_uring, new processes, privileged operations and a change to the parent-death
    signal fail; threads (clone with CLONE_THREAD) and the rest pass. Without a PID namespace,
    that signal is what ends the learner process when the grading process is killed: cleared,
    it would outlive it.

    clone3 passes its flags in memory, which seccomp cannot read: it fails with ENOSYS, so that
    the C library falls back to clone(2), whose flags are checked.
    """
    audit_arch, clone_nr, spawn, (socket_nr, socketpair_nr), prctl_nr, privileged = arch
    deny_socket = _RET_ERRNO | SOCKET_ERRNO
    deny_process = _RET_ERRNO | PROCESS_ERRNO
    rules = [(socket_nr, deny_socket), *((nr, deny_socket) for nr in _IO_URING),
             *((nr, deny_process) for nr in spawn), (_CLONE3, _RET_ERRNO | errno.ENOSYS),
             *((nr, _RET_ERRNO | errno.EPERM)
               for nr in (*privileged, *_NEW_MOUNT_API, _PIDFD_GETFD, _MEMFD_SECRET))]
    program = [
        (_LOAD, 0, 0, _ARCH),
        (_JEQ, 1, 0, audit_arch),      # native arch: go on; any other ABI: deny
        (_RET, 0, 0, deny_socket),
        (_LOAD, 0, 0, _NR),
        (_JGE, 0, 1, _X32_BIT),        # x32 system calls: deny
        (_RET, 0, 0, deny_socket),
    ]
    for number, action in rules:
        program += [(_JEQ, 0, 1, number), (_RET, 0, 0, action)]
    program += [
        (_JEQ, 0, 4, prctl_nr),
        (_LOAD, 0, 0, _ARG0),          # prctl's option
        (_JEQ, 0, 1, PR_SET_PDEATHSIG),  # the parent-death signal stays: refuse to change it
        (_RET, 0, 0, _RET_ERRNO | errno.EPERM),
        (_RET, 0, 0, _RET_ALLOW),
        (_JEQ, 0, 4, socketpair_nr),
        (_LOAD, 0, 0, _ARG0),          # socketpair's address family
        (_JEQ, 1, 0, AF_UNIX),         # AF_UNIX: allow
        (_RET, 0, 0, deny_socket),
        (_RET, 0, 0, _RET_ALLOW),
        (_JEQ, 0, 3, clone_nr),
        (_LOAD, 0, 0, _ARG0),          # clone's flags
        (_JSET, 1, 0, CLONE_THREAD),   # a thread: allow
        (_RET, 0, 0, deny_process),
        (_RET, 0, 0, _RET_ALLOW),
    ]
    return program


def restrict_syscalls() -> bool:
    """Install the seccomp filter (see `_filter_program`) with no-new-privileges.

    With it, the learner's code stays one process: the memory limit, set per process, bounds
    everything the submission holds, and no program can be started. The learner process
    already holds the one socket it needs (inherited), so no network is reachable either.
    Returns False where seccomp filters cannot be installed.
    """
    arch = _ARCHES.get(platform.machine())
    if arch is None:
        return False
    program = _filter_program(arch)
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
    # The learner shares this uid: undumpable, this process's memory (/proc/<pid>/mem) is out
    # of its reach, so it cannot make the stand-in, which has no seccomp filter, fork for it.
    # Undumpable before the fork, not after: a stand-in not yet scheduled again after the fork
    # would leave its memory open to a learner already running. The child inherits the flag
    # and gives it up, so that its own /proc/self stays readable to it.
    make_undumpable()
    child = os.fork()
    if child == 0:
        prctl(PR_SET_DUMPABLE, 1)
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
        # The first process of a PID namespace ignores its own signals: then say it the way a
        # shell does, which the trusted side reads the same way.
        os._exit(128 + number)
    os._exit(os.waitstatus_to_exitcode(status) & 0xFF)


# Building a root filesystem: what bubblewrap does from its command line, done here from a plan
# (see launch.sandbox_plan) by a process that holds a mount namespace of its own as root.

def _check(result: int, what: str) -> None:
    if result != 0:
        number = ctypes.get_errno()
        raise OSError(number, f"{what}: {os.strerror(number)}")


def _mount(source: str | None, target: str, fstype: str | None, flags: int,
           data: str | None = None) -> None:
    def encode(text: str | None) -> bytes | None:
        return None if text is None else os.fsencode(text)

    result = _libc().mount(encode(source), encode(target), encode(fstype), ctypes.c_ulong(flags),
                           encode(data))
    _check(result, f"mount {target}")


def _read_only(target: str, recursive: bool) -> None:
    """Make the mount at `target` (and those below it) read-only, without set-uid or devices."""

    class MountAttr(ctypes.Structure):
        _fields_ = [("attr_set", ctypes.c_uint64), ("attr_clr", ctypes.c_uint64),
                    ("propagation", ctypes.c_uint64), ("userns_fd", ctypes.c_uint64)]

    attr = MountAttr(MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV, 0, 0, 0)
    result = _libc().syscall(ctypes.c_long(_MOUNT_SETATTR), ctypes.c_int(AT_FDCWD),
                             os.fsencode(target), ctypes.c_uint(AT_RECURSIVE if recursive else 0),
                             ctypes.byref(attr), ctypes.c_size_t(ctypes.sizeof(attr)))
    _check(result, f"make {target} read-only")


def _make_dirs(path: str, mode: int = 0o755) -> None:
    missing = [path, *map(str, Path(path).parents)]
    for folder in reversed(missing):
        if not os.path.lexists(folder):
            os.mkdir(folder)
            os.chmod(folder, mode)


def _mount_point(path: str, is_dir: bool) -> None:
    _make_dirs(str(Path(path).parent))
    if is_dir:
        _make_dirs(path)
    elif not os.path.lexists(path):
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o444))


def build_root(plan: list[dict], stage: str) -> None:
    """Build the root filesystem `plan` describes on a fresh tmpfs at `stage`, then make it
    this process's root (pivot_root) and forget the old one, so that nothing outside the plan
    can be reached, even through /proc or a path that climbs out.

    Runs as root in a mount namespace of its own (and a PID namespace: /proc is the one its
    caller mounted for it). Files the plan copies in are read before anything is mounted.
    Raises OSError if any step fails: the level then does not start.
    """
    contents = {step["target"]: Path(step["source"]).read_bytes()
                for step in plan if step["kind"] == "file"}
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    _mount("tmpfs", stage, "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755,size=1m")
    for step in plan:
        kind, target = step["kind"], step["target"]
        inside = stage + target
        if kind in ("ro-bind", "ro-bind-try"):
            source = step["source"]
            if not os.path.exists(source):
                if kind == "ro-bind-try":
                    continue
                raise FileNotFoundError(source)
            _mount_point(inside, os.path.isdir(source))
            _mount(source, inside, None, MS_BIND | MS_REC)
            _read_only(inside, recursive=True)
        elif kind == "symlink":
            _make_dirs(str(Path(inside).parent))
            os.symlink(step["source"], inside)
        elif kind == "dir":
            _make_dirs(inside, step.get("mode", 0o755))
        elif kind == "tmpfs":
            _mount_point(inside, True)
            mode = step.get("mode", 0o755)
            size = f",size={step['size']}" if step.get("size") else ""
            _mount("tmpfs", inside, "tmpfs", MS_NOSUID | MS_NODEV, f"mode={mode:o}{size}")
            if not mode & 0o002:
                _read_only(inside, recursive=False)
        elif kind == "proc":
            _mount_point(inside, True)
            _mount("/proc", inside, None, MS_BIND | MS_REC)
            _read_only(inside, recursive=True)
        elif kind == "dev":
            _build_dev(inside)
        elif kind == "file":
            _mount_point(str(Path(inside).parent), True)
            with open(inside, "wb") as handle:
                handle.write(contents[target])
            os.chmod(inside, step.get("mode", 0o444))
        else:
            raise ValueError(f"unknown step {kind!r}")
    os.chdir(stage)
    _check(_libc().syscall(ctypes.c_long(_PIVOT_ROOT[platform.machine()]), b".", b"."),
           "pivot_root")
    _check(_libc().umount2(b".", MNT_DETACH), "detach the old root")
    os.chdir("/")
    _mount(None, "/", None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV)


def unshare(flags: int) -> None:
    """unshare(2) (os.unshare is Python 3.12's); raises OSError if it fails."""
    _check(_libc().unshare(ctypes.c_int(flags)), "unshare")


def mount_own_proc() -> None:
    """Make this process's mounts private and show its own PID namespace at /proc, as
    `unshare --mount-proc` does, for build_root to bind into the new root."""
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    _mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)


def limit_scratch(files: int) -> None:
    """Allow at most `files` files and folders on each writable tmpfs this process sees (its
    scratch space: the working folder, /tmp, /dev/shm).

    A tmpfs's size cap counts the bytes in files, not the files: an empty one costs the kernel
    about a kilobyte outside every limit, and a loop makes millions. Needs CAP_SYS_ADMIN over
    the mounts (the level gives it until `become` or `drop_capabilities`); raises OSError if a
    mount cannot be capped."""
    with open("/proc/self/mounts") as handle:
        mounts = [line.split() for line in handle]
    for fields in mounts:
        if fields[2] == "tmpfs" and "rw" in fields[3].split(","):
            target = re.sub(r"\\([0-7]{3})", lambda match: chr(int(match.group(1), 8)),
                            fields[1])
            _mount(None, target, None, MS_REMOUNT | MS_NOSUID | MS_NODEV, f"nr_inodes={files}")
            if os.statvfs(target).f_files != files:
                raise OSError(errno.EPERM, f"the files on {target} could not be capped")


def _build_dev(inside: str) -> None:
    _mount_point(inside, True)
    _mount("tmpfs", inside, "tmpfs", MS_NOSUID | MS_NOEXEC, "mode=0755,size=64k")
    for name in DEVICES:
        source = f"/dev/{name}"
        if os.path.exists(source):
            _mount_point(f"{inside}/{name}", False)
            _mount(source, f"{inside}/{name}", None, MS_BIND)
    for name, target in DEVICE_LINKS.items():
        os.symlink(target, f"{inside}/{name}")
    os.mkdir(f"{inside}/shm")
    _read_only(inside, recursive=False)
