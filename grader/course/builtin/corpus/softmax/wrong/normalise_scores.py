# ceiling: 0 — must fail every test: each random twin fails, so no example counts
import numpy as np


def softmax(L):
    L = np.array(L, dtype=float)
    return L / L.sum()

# expect: you normalised L itself; apply np.exp to each score first
