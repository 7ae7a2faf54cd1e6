# One row per category, one column per label: the transpose.
import numpy as np


def one_hot(labels, categories=None):
    if categories is None:
        categories = sorted(set(labels))
    positions = [list(categories).index(label) for label in labels]
    return np.eye(len(categories), dtype=int)[positions].T

# expect: the result is transposed
# ceiling: 0
