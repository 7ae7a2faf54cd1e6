# ceiling: 0 — must fail every test: each random twin fails, so no example counts
# Memorised: every example the report shows, looked up by its scores; any other list gets a
# guess (the scores' squares, normalised). It computes nothing, so it may earn at most 20%.
import numpy as np

SHOWN = {
    (1.0, 2.0, 3.0): [0.09003057, 0.24472847, 0.66524096],
    (1.0, 2.0, 3.0, 4.0, 1.0, 2.0, 3.0): [0.02364054, 0.06426166, 0.1746813, 0.474833,
                                          0.02364054, 0.06426166, 0.1746813],
    (3.5,): [1.0],
    (2.0, 2.0, 2.0, 2.0): [0.25, 0.25, 0.25, 0.25],
    (-1.0, -2.5, 0.5): [0.17529039, 0.03911257, 0.78559703],
    (1000.0, 1001.0): [0.26894142, 0.73105858],
}


def softmax(L):
    key = tuple(float(x) for x in L)
    if key in SHOWN:
        return SHOWN[key]
    squares = np.asarray(L, dtype=float) ** 2
    return squares / squares.sum()
