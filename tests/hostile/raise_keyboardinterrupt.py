# Raises KeyboardInterrupt from the graded function: a BaseException, reported as data,
# never a crash.
# verdict: failed
# score: 0
# expect: raised KeyboardInterrupt
def softmax(L):
    raise KeyboardInterrupt(0)
