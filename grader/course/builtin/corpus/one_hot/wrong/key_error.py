# A dictionary lookup: an unknown label raises KeyError instead of ValueError.
import numpy as np


def one_hot(labels, categories=None):
    if categories is None:
        categories = sorted(set(labels))
    column = {category: i for i, category in enumerate(categories)}
    encoded = np.zeros((len(labels), len(categories)))
    for row, label in enumerate(labels):
        encoded[row, column[label]] = 1
    return encoded

# expect: a dictionary lookup raises KeyError
# ceiling: 8
