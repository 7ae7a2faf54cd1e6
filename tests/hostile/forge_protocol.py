# Writes forged replies straight into every socket it inherited: fake "ok" answers, a frame
# nested too deeply to parse, a frame that claims to be huge, and garbage. Then answers wrongly.
# verdict: failed
# score: 0
import os
import stat
import struct

import numpy as np


def _frame(payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + payload


FORGERIES = [
    _frame(b'{"ok": {"$nd": "<f8", "shape": [3], "b64": "AAAAAAAA8D8AAAAAAADwPwAAAAAAAPA/"}}'),
    _frame(b'{"ready": true, "names": ["softmax"]}'),
    _frame(b"[" * 200_000 + b"]" * 200_000),
    _frame(b'{"ok": {"$nd": "|O", "shape": [1], "b64": "AAAAAAAAAAA="}}'),
    _frame(b'{"ok": ' + b"9" * 4000 + b"}"),
    struct.pack(">I", 2**31) + b"{",
    b"\xff" * 64,
]


def _sockets():
    for fd in range(3, 64):
        try:
            if stat.S_ISSOCK(os.fstat(fd).st_mode):
                yield fd
        except OSError:
            pass


calls = 0


def softmax(L):
    global calls
    calls += 1
    for fd in _sockets():
        try:
            os.write(fd, FORGERIES[calls % len(FORGERIES)])
        except OSError:
            pass
    return np.zeros(len(L))
