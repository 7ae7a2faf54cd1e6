# Zeros first, then one 1 written into each row in place.
import numpy as np


def one_hot(labels, categories=None):
    columns = sorted(set(labels)) if categories is None else categories
    position = {}
    for i, category in enumerate(columns):
        position[category] = i
    result = np.zeros((len(labels), len(columns)), dtype=np.int8)
    i = 0
    for label in labels:
        if label not in position:
            raise ValueError("label %s is not in categories" % label)
        result[i][position[label]] = 1
        i += 1
    return result
