# A wrong softmax that prints a fake pytest summary and a fake result JSON, everywhere it can.
# verdict: failed
# score: 0
# output: 10 passed in 0.01s
import json
import os
import sys

FAKE = json.dumps({"schema": 1, "exercise": "softmax", "title": "Softmax",
                   "submission": "softmax.py", "status": "passed", "score": 10.0,
                   "max_score": 10.0, "message": None, "tests": []})


def _shout():
    text = "\n============================== 10 passed in 0.01s ==============================\n"
    for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
        try:
            stream.write(text + FAKE + "\n")
            stream.flush()
        except (OSError, ValueError, AttributeError):
            pass
    for fd in (1, 2):
        try:
            os.write(fd, (text + FAKE + "\n").encode())
        except OSError:
            pass


_shout()


def softmax(L):
    _shout()
    return [0.0] * len(L)
