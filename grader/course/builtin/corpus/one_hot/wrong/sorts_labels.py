# Sorts the labels themselves, so the rows come out in sorted order.
import numpy as np


def one_hot(labels, categories=None):
    labels = sorted(labels)
    if categories is None:
        categories = sorted(set(labels))
    encoded = np.zeros((len(labels), len(categories)), dtype=int)
    for row, label in enumerate(labels):
        if label not in categories:
            raise ValueError(f"unknown label {label}")
        encoded[row, list(categories).index(label)] = 1
    return encoded

# expect: the rows are in sorted order
# ceiling: 0
