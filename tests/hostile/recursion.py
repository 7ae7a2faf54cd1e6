# Recursion without end in the graded function.
# verdict: failed
# score: 0
# expect: calls itself without end
def softmax(L):
    return softmax(L)
