# The categories come from a set, whose order is not sorted.
import numpy as np


def one_hot(labels, categories=None):
    if categories is None:
        categories = list(set(labels))
    encoded = np.zeros((len(labels), len(categories)))
    for row, label in enumerate(labels):
        if label not in categories:
            raise ValueError(f"unknown label {label}")
        encoded[row, categories.index(label)] = 1
    return encoded

# expect: a set alone has no order
# ceiling: 4
