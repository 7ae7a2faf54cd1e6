# os._exit(0) in the graded function: the process vanishes with status 0 and no reply.
# verdict: failed
# score: 0
# expect: crashed
import os


def softmax(L):
    os._exit(0)
