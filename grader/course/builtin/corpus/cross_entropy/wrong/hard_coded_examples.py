# ceiling: 0 — must fail every test: each random twin fails, so no example counts
# Memorised: every example the report shows, looked up by its labels and probabilities; any
# other input gets a guess (the mean of the terms). It may earn at most 20%.
import numpy as np

SHOWN = {
    ((1.0, 0.0, 1.0, 1.0), (0.4, 0.6, 0.1, 0.5)): 4.828313737302301,
    ((1.0, 0.0, 1.0), (0.99, 0.02, 0.95)): 0.08154633755857149,
    ((1.0, 0.0), (0.7, 0.2)): 0.5798184952529422,
}


def cross_entropy(Y, P):
    key = (tuple(float(y) for y in Y), tuple(float(p) for p in P))
    if key in SHOWN:
        return SHOWN[key]
    Y = np.asarray(Y, dtype=float)
    P = np.asarray(P, dtype=float)
    return float(-np.mean(Y * np.log(P) + (1 - Y) * np.log(1 - P)))
