# Pure Python: a list of lists of bools, and an explicit empty case.
import numpy as np


def one_hot(labels, categories=None):
    if categories is None:
        categories = sorted(set(labels))
    rows = []
    for label in labels:
        if label not in categories:
            raise ValueError("unknown label: " + str(label))
        rows.append([label == category for category in categories])
    if not rows:
        return np.zeros((0, len(categories)), dtype=bool)
    return rows
