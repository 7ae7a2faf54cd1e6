"""One-hot encoding: turn class labels into rows of 0s and 1s.

A network cannot multiply a weight by "duck". One-hot encoding gives each category its own
column and turns each label into a row with a single 1, in its category's column:

    one_hot(["duck", "walrus", "beaver", "duck"])      columns: beaver, duck, walrus
    -> [[0, 1, 0],
        [0, 0, 1],
        [1, 0, 0],
        [0, 1, 0]]

The columns follow `categories` when it is given (a category no label uses still gets its
column), otherwise sorted(set(labels)). Labels may be strings or ints: the column of the label
10 is its position among the categories, not column 10. A label that is not in `categories`
raises ValueError, with the label in the message. No labels give an array with 0 rows and one
column per category, e.g. np.zeros((0, len(categories))).

Return a 2-D NumPy array (or a list of lists) of 0s and 1s: ints, floats or bools.

Check your work with:  grader check one_hot.py
"""

import numpy as np


def one_hot(labels, categories=None):
    raise NotImplementedError


if __name__ == "__main__":
    print(one_hot(["duck", "walrus", "beaver", "duck"]))
    print(one_hot(["duck", "walrus", "beaver"], categories=["duck", "walrus", "beaver"]))
