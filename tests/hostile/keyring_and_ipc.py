# Uses the kernel's other shared stores: keyrings (add_key, keyctl, request_key) and System V
# shared memory, message queues and semaphores, whose contents outlive the process where there
# is no IPC namespace. Every call must fail: ESCAPED if one did not.
# verdict: passed
# score: full
# absent: ESCAPED
import ctypes
import os
import platform

import numpy as np

libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
KEY_SPEC_USER_KEYRING, KEY_SPEC_SESSION_KEYRING = -4, -3
KEYCTL_GET_KEYRING_ID, KEYCTL_JOIN_SESSION_KEYRING, KEYCTL_READ = 0, 1, 11
IPC_CREAT, IPC_PRIVATE = 0o1000, 0
numbers = {"x86_64": {"add_key": 248, "request_key": 249, "keyctl": 250, "shmget": 29,
                      "semget": 64, "msgget": 68},
           "aarch64": {"add_key": 217, "request_key": 218, "keyctl": 219, "shmget": 194,
                       "semget": 190, "msgget": 186}}.get(platform.machine(), {})
escaped = []


def attempt(name, *args):
    if name.split()[0] not in numbers:
        return
    result = libc.syscall(ctypes.c_long(numbers[name.split()[0]]), *args)
    print(name, "->", result, os.strerror(ctypes.get_errno()))
    if result >= 0:
        escaped.append(name)


attempt("keyctl user keyring", ctypes.c_long(KEYCTL_GET_KEYRING_ID),
        ctypes.c_long(KEY_SPEC_USER_KEYRING), ctypes.c_long(0))
attempt("keyctl join", ctypes.c_long(KEYCTL_JOIN_SESSION_KEYRING), ctypes.c_char_p(b"learner"))
attempt("keyctl read", ctypes.c_long(KEYCTL_READ), ctypes.c_long(KEY_SPEC_SESSION_KEYRING),
        ctypes.create_string_buffer(256), ctypes.c_long(256))
attempt("add_key", b"user", b"nn-grader", b"secret", ctypes.c_size_t(6),
        ctypes.c_long(KEY_SPEC_SESSION_KEYRING))
attempt("request_key", b"user", b"nn-grader", None, ctypes.c_long(0))
attempt("shmget 1 GiB", ctypes.c_long(IPC_PRIVATE), ctypes.c_size_t(2**30),
        ctypes.c_int(IPC_CREAT | 0o600))
attempt("semget", ctypes.c_long(IPC_PRIVATE), ctypes.c_int(1), ctypes.c_int(IPC_CREAT | 0o600))
attempt("msgget", ctypes.c_long(IPC_PRIVATE), ctypes.c_int(IPC_CREAT | 0o600))
for name in escaped:
    print("ESCAPED", name)


def softmax(L):
    expL = np.exp(L)
    return expL / np.sum(expL)
