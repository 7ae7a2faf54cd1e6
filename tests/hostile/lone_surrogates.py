# Puts lone UTF-16 surrogates (text no UTF-8 writer accepts) everywhere a string can reach the
# grader: its output, a module-level name, exception messages, returned strings and dict keys,
# and a forged reply (numbered like the real one) whose every string is a surrogate escape.
# verdict: failed
# score: 0
# expect: \ud800
import json
import os
import stat
import struct

LONE = chr(0xD800) + "x" + chr(0xDFFF)
print("printed " + LONE)
globals()["name" + LONE] = 1
calls = 0


def _forge_numbered_reply():
    """A reply to the grader's own request (its number read back from the request frame
    this call came in), all of whose strings are surrogate escapes."""
    import inspect

    frame = inspect.currentframe()
    while frame is not None and "request" not in frame.f_locals:
        frame = frame.f_back
    number = frame.f_locals["request"].get("n") if frame is not None else None
    payload = json.dumps({"raised": {"type": "\\ud800", "message": "\\udc00 message",
                                     "frames": [[1, "\\ud800", "\\udfff"]], "base": False},
                          "n": number}, ensure_ascii=True).replace("\\\\u", "\\u")
    data = payload.encode()
    for fd in range(3, 64):
        try:
            if stat.S_ISSOCK(os.fstat(fd).st_mode):
                os.write(fd, struct.pack(">I", len(data)) + data)
                os._exit(0)
        except OSError:
            pass


def softmax(L):
    global calls
    calls += 1
    if calls == 1:
        raise ValueError("message " + LONE)
    if calls == 2:
        return {LONE: 0.5, "k": LONE}
    if calls == 3:
        _forge_numbered_reply()
    return [LONE] * len(L)
