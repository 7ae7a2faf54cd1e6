# Asks for 8 GiB while being imported, touching every page of it.
# verdict: error
# score: 0
# expect: MemoryError
waste = bytearray(8 * 1024**3)


def softmax(L):
    return L
