# An endless loop in the graded function: each test times out, grading goes on.
# verdict: failed
# score: 0
# expect: took longer than
def softmax(L):
    while True:
        pass
