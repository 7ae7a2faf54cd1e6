# Writes forged replies straight into every socket it inherited: fake "ok" answers, a frame
# nested too deeply to parse, a frame that claims to be huge, garbage, and a reply numbered
# like the real one (the number read from its own caller's frame) carrying a 10 MB exception
# message. Then answers wrongly.
# verdict: failed
# score: 0
import json
import os
import stat
import struct
import sys

import numpy as np


def _frame(payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + payload


FORGERIES = [  # the suite's inputs have 1, 2, 3, 4, 5, 7 or 10 scores: see softmax()
    _frame(b'{"ready": true, "names": ["softmax"]}'),
    _frame(b'{"ok": {"$nd": "<f8", "shape": [3], "b64": "AAAAAAAA8D8AAAAAAADwPwAAAAAAAPA/"}}'),
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


def _numbered_forgery() -> bytes:
    frame = sys._getframe(2)
    while frame is not None:
        request = frame.f_locals.get("request")
        if isinstance(request, dict) and "n" in request:
            reply = {"raised": {"type": "Forged", "message": "<b>x</b>" * 1_300_000,
                                "frames": [[1, "f" * 10**5, "g" * 10**5]] * 30},
                     "n": request["n"]}
            return _frame(json.dumps(reply).encode())
        frame = frame.f_back
    return b""


def softmax(L):
    # Each forgery ends this process, so the choice depends on the input, not on a counter;
    # seven scores get the forgery numbered like the real reply.
    choice = len(L) % (len(FORGERIES) + 1)
    for fd in _sockets():
        try:
            forgery = FORGERIES[choice] if choice < len(FORGERIES) else _numbered_forgery()
            os.write(fd, forgery)
        except OSError:
            pass
    return np.zeros(len(L))
