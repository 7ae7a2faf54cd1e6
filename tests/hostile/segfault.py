# A segmentation fault through ctypes in the graded function.
# verdict: failed
# score: 0
# expect: segmentation fault
import ctypes


def softmax(L):
    ctypes.memset(0, 1, 64)
    return [1.0] * len(L)
