# time.sleep forever: RLIMIT_CPU cannot see it, the wall-clock limit must.
# verdict: failed
# score: 0
# expect: took longer than
import time


def softmax(L):
    time.sleep(10**6)
