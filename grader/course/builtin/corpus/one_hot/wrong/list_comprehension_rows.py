# Compares each label with each category: an unknown label gets a row of zeros, and no labels
# give np.array([]), which has no columns.
import numpy as np


def one_hot(labels, categories=None):
    if categories is None:
        categories = sorted(set(labels))
    return np.array([[1 if label == category else 0 for category in categories]
                     for label in labels])

# expect: the label is silently lost
# expect: an empty list has no columns
# ceiling: 6
