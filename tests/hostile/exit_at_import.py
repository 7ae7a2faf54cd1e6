# sys.exit(0) at the top level, before anything is defined: a clean exit is not a pass.
# verdict: error
# score: 0
# expect: SystemExit
import sys

sys.exit(0)


def softmax(L):
    return L
