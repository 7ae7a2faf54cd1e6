# A correct softmax whose import starts a grandchild in a session of its own (escaping the
# process group), one that exec's a shell, and a child that ignores SIGTERM, to keep running
# and write files outside the working directory later. The first fork is refused, and the
# learner is told why.
# verdict: error
# score: 0
# expect: tried to start a new process
# wait: 3
import os
import signal
import subprocess
import time
from pathlib import Path

import numpy as np

MARK = Path(__file__).stem
TARGETS = [f"/tmp/{MARK}.late", f"/var/tmp/{MARK}.late", str(Path.cwd().parent / f"{MARK}.late")]


def _linger():
    for _ in range(600):
        time.sleep(0.5)
        for target in TARGETS:
            try:
                Path(target).write_text("I outlived the grader\n")
            except OSError:
                pass


if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        _linger()
    os._exit(0)

if os.fork() == 0:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    _linger()

try:
    subprocess.Popen(["sh", "-c", f"sleep 600 # {MARK}"], start_new_session=True)
except OSError:
    pass


def softmax(L):
    expL = np.exp(L)
    return expL / np.sum(expL)
