# Holds memory that no limit counts: maps 2 MiB huge pages, vmsplice()s one byte of each into a
# pipe (the pipe then holds the whole huge page) and unmaps them. The address space, which
# RLIMIT_AS caps, no longer holds them, but the pipe keeps every page until it closes: one pipe
# of 256 slots holds 512 MiB, and the 64 files a learner may open, 16 GiB. Measured outside
# the grader under a 512 MiB RLIMIT_AS: two such pipes took 1099 MiB of MemAvailable from a
# process of 14 MiB. ESCAPED if the kernel took a page; splice(), tee() and sendfile() into a
# pipe or a socket are tried too: they hold the file's pages the same way, whole folios of
# them (outside the grader, 13 bytes sent from a 24 MiB library, one every 2 MiB, kept 8 MiB
# of it in memory after the kernel was asked to drop it), so all the files a learner can read.
# verdict: passed
# score: full
# absent: ESCAPED
import ctypes
import fcntl
import os
import socket

import numpy as np

F_SETPIPE_SZ = 1031
MADV_HUGEPAGE = 14
HUGE = 2 * 2**20
libc = ctypes.CDLL(None, use_errno=True)
libc.mmap.restype = ctypes.c_void_p
libc.mmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int, ctypes.c_int,
                      ctypes.c_long]
libc.munmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t]
libc.madvise.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
libc.vmsplice.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_ulong, ctypes.c_uint]
libc.vmsplice.restype = ctypes.c_ssize_t
libc.splice.restype = ctypes.c_ssize_t
libc.tee.restype = ctypes.c_ssize_t


class IoVec(ctypes.Structure):
    _fields_ = [("base", ctypes.c_void_p), ("length", ctypes.c_size_t)]


read_end, write_end = os.pipe()
try:
    slots = fcntl.fcntl(write_end, F_SETPIPE_SZ, 2**20) // 4096
except OSError:
    slots = 16
raw = libc.mmap(None, (slots + 1) * HUGE, 3, 0x22, -1, 0)  # PROT_READ|WRITE, PRIVATE|ANONYMOUS
if raw in (None, ctypes.c_void_p(-1).value):
    print("could not map", slots, "huge pages")
else:
    base = (raw + HUGE - 1) & ~(HUGE - 1)
    libc.madvise(base, slots * HUGE, MADV_HUGEPAGE)
    ctypes.memset(base, 1, slots * HUGE)
    pages = (IoVec * slots)(*[IoVec(base + index * HUGE, 1) for index in range(slots)])
    held = libc.vmsplice(write_end, pages, slots, 0)
    error = ctypes.get_errno()
    libc.munmap(raw, (slots + 1) * HUGE)
    if held > 0:
        print(f"ESCAPED: a pipe holds {held} huge pages ({held * 2} MiB) after they were unmapped")
    else:
        print("vmsplice refused:", os.strerror(error))

other_read, other_write = os.pipe()
with open(np.__file__, "rb") as source:
    offset = ctypes.c_longlong(0)
    moved = libc.splice(source.fileno(), ctypes.byref(offset), other_write, None, 1, 0)
    print("ESCAPED: splice took a file page" if moved > 0 else
          f"splice refused: {os.strerror(ctypes.get_errno())}")
    pair = socket.socketpair()
    for target in (other_write, pair[0].fileno()):
        try:
            os.sendfile(target, source.fileno(), 0, 1)
            print("ESCAPED: sendfile took a file page")
        except OSError as error:
            print("sendfile refused:", error)
tee_read, tee_write = os.pipe()
os.write(tee_write, b"x")
copied = libc.tee(tee_read, other_write, 1, 2)  # SPLICE_F_NONBLOCK
print("ESCAPED: tee took a page" if copied > 0 else
      f"tee refused: {os.strerror(ctypes.get_errno())}")


def softmax(L):
    expL = np.exp(np.asarray(L, dtype=float) - np.max(L))
    return expL / expL.sum()
