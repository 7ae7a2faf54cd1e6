"""Reference solution: one-hot encoding with a column per category."""

import numpy as np


def one_hot(labels, categories=None):
    labels = list(labels)
    if categories is None:
        categories = sorted(set(labels))
    column = {category: index for index, category in enumerate(categories)}
    encoded = np.zeros((len(labels), len(column)), dtype=int)
    for row, label in enumerate(labels):
        if label not in column:
            raise ValueError(f"the label {label} is not one of the categories {categories}")
        encoded[row, column[label]] = 1
    return encoded


if __name__ == "__main__":
    print(one_hot(["duck", "walrus", "beaver", "duck"]))
    print(one_hot(["duck", "walrus", "beaver"], categories=["duck", "walrus", "beaver"]))
