# Columns in the order the labels first appear (dict keys keep insertion order).
import numpy as np


def one_hot(labels, categories=None):
    if categories is None:
        categories = list(dict.fromkeys(labels))
    index = {category: i for i, category in enumerate(categories)}
    encoded = np.zeros((len(labels), len(categories)), dtype=int)
    for row, label in enumerate(labels):
        if label not in index:
            raise ValueError(f"unknown label {label}")
        encoded[row, index[label]] = 1
    return encoded

# expect: the columns are in the order in which the labels first appear
# ceiling: 4
