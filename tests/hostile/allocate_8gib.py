# Asks for 8 GiB in the graded function: the memory limit turns it into a MemoryError.
# verdict: failed
# score: 0
# expect: more memory than the grader allows
import numpy as np


def softmax(L):
    waste = np.ones(8 * 1024**3, dtype=np.uint8)
    return waste[: len(L)] / len(L)
