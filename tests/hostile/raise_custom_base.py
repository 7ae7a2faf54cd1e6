# Raises a BaseException subclass of its own, at import time.
# verdict: error
# score: 0
# expect: raised Gotcha
class Gotcha(BaseException):
    pass


raise Gotcha("you cannot catch me with `except Exception`")


def softmax(L):
    return L
