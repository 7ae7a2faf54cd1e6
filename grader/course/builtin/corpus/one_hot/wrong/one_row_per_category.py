# One row for each category instead of one for each label.
import numpy as np


def one_hot(labels, categories=None):
    if categories is None:
        categories = sorted(set(labels))
    for label in labels:
        if label not in categories:
            raise ValueError(f"unknown label {label}")
    return np.eye(len(categories))

# expect: one row per category
# ceiling: 0
