# Raises SystemExit from the graded function: a BaseException, reported as data,
# never a crash.
# verdict: failed
# score: 0
# expect: raised SystemExit
def softmax(L):
    raise SystemExit(0)
