# Tries to change what it can see of the filesystem: unmount the empty folders that hide the
# suites, mount a tmpfs, bind / elsewhere, mount a fresh /proc, chroot and climb out,
# pivot_root, the new mount API (fsopen, open_tree of /), and open_by_handle_at on the root
# inode (the "shocker" escape). Every call must fail: ESCAPED if one did not.
# verdict: passed
# score: full
# absent: ESCAPED
import ctypes
import os

import numpy as np

libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
MS_BIND, MNT_DETACH, OPEN_TREE_CLONE, AT_RECURSIVE = 4096, 2, 1, 0x8000
escaped = []


def attempt(name, result):
    print(name, "->", result, os.strerror(ctypes.get_errno()))
    if result >= 0:
        escaped.append(name)


hidden = []
try:
    from grader.course import paths as course

    hidden = [str(folder) for folder in course.hidden_dirs()]
except BaseException:
    pass
for folder in hidden:
    attempt(f"umount {folder}", libc.umount2(folder.encode(), MNT_DETACH))
scratch = os.path.join(os.getcwd(), "mnt")
os.makedirs(scratch, exist_ok=True)
attempt("mount tmpfs", libc.mount(b"none", scratch.encode(), b"tmpfs", 0, None))
attempt("bind /", libc.mount(b"/", scratch.encode(), None, MS_BIND, None))
attempt("mount proc", libc.mount(b"proc", scratch.encode(), b"proc", 0, None))
attempt("pivot_root", libc.syscall(ctypes.c_long(155 if os.uname().machine == "x86_64" else 41),
                                   scratch.encode(), scratch.encode()))
before = os.open("/", os.O_RDONLY)
if libc.chroot(scratch.encode()) == 0:
    escaped.append("chroot")
    os.fchdir(before)
    for _ in range(20):
        os.chdir("..")
    libc.chroot(b".")
attempt("fsopen", libc.syscall(ctypes.c_long(430), b"tmpfs", ctypes.c_uint(0)))
attempt("open_tree /", libc.syscall(ctypes.c_long(428), ctypes.c_int(-100), b"/",
                                    ctypes.c_uint(OPEN_TREE_CLONE | AT_RECURSIVE)))


class FileHandle(ctypes.Structure):
    _fields_ = [("bytes", ctypes.c_uint), ("type", ctypes.c_int), ("data", ctypes.c_ubyte * 8)]


handle = FileHandle(8, 1)  # FILEID_INO32_GEN: inode 2, generation 0 (an ext4 root)
handle.data[0] = 2
attempt("open_by_handle_at", libc.syscall(ctypes.c_long(304 if os.uname().machine == "x86_64"
                                                        else 265),
                                          ctypes.c_int(before), ctypes.byref(handle),
                                          ctypes.c_int(0)))
for name in escaped:
    print("ESCAPED", name)


def softmax(L):
    expL = np.exp(L)
    return expL / np.sum(expL)
