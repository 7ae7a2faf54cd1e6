# Lifts Python's recursion limit first, and recurses through C
# (map), so the C stack overflows: a real crash, not an exception.
# verdict: failed
# score: 0
# expect: crashed
import sys

sys.setrecursionlimit(10**8)


def softmax(L):
    return list(map(softmax, [L]))
