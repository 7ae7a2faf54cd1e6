# A correct softmax that prints 5 MB at import and more in every call.
import numpy as np

for i in range(50_000):
    print(f"debug line {i}: " + "." * 90)


def softmax(L):
    for i in range(2000):
        print("inside softmax", i, L)
    expL = np.exp(L)
    return expL / np.sum(expL)
