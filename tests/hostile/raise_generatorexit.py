# Raises GeneratorExit from the graded function: a BaseException, reported as data,
# never a crash.
# verdict: failed
# score: 0
# expect: raised GeneratorExit
def softmax(L):
    raise GeneratorExit(0)
