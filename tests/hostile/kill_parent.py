# Kills whatever process started it, at import and in every call, then answers wrongly. Where
# that process is a plain stand-in (the process level), its death takes the learner with it.
# verdict: failed|error
# score: 0
import os
import signal

try:
    os.kill(os.getppid(), signal.SIGKILL)
except OSError:
    pass


def softmax(L):
    try:
        os.kill(os.getppid(), signal.SIGKILL)
    except OSError:
        pass
    return [0.0] * len(L)
