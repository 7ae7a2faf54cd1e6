# categories is accepted but never used.
import numpy as np


def one_hot(labels, categories=None):
    columns = sorted(set(labels))
    encoded = np.zeros((len(labels), len(columns)), dtype=int)
    for row, label in enumerate(labels):
        encoded[row, columns.index(label)] = 1
    return encoded

# expect: the columns follow sorted(set(labels)), but categories was given
# ceiling: 4
