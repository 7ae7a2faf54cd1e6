# Returns values that are hard to read back: an integer too large for a float, a reply over
# the size limit, a list nested too deeply, a generator, a value that breaks repr.
# verdict: failed
# score: 0
import numpy as np


class BadRepr:
    def __repr__(self):
        raise RuntimeError("no repr for you")

    def __str__(self):
        raise RuntimeError("no str for you")


def _deep(n):
    value = [0.5]
    for _ in range(n):
        value = [value]
    return value


calls = 0


def softmax(L):
    global calls
    calls += 1
    choice = calls % 6
    if choice == 0:
        return [10**4000] * len(L)
    if choice == 1:
        return np.zeros(6_000_000)
    if choice == 2:
        return _deep(5000)
    if choice == 3:
        return (x for x in L)
    if choice == 4:
        return [BadRepr()]
    return {"softmax": [1.0 / len(L)] * len(L)}
