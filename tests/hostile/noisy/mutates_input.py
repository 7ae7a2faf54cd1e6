# A correct softmax that overwrites its argument in place.
import numpy as np


def softmax(L):
    if isinstance(L, list):
        values = np.array(L, dtype=float)
        L[:] = [0.0] * len(L)
    else:
        values = L.astype(float)
        L[...] = 0
    values -= values.max()
    np.exp(values, out=values)
    values /= values.sum()
    return values
