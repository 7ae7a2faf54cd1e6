# Labels used as column numbers: right for 0, 1, 2, ..., wrong for anything else.
import numpy as np


def one_hot(labels, categories=None):
    return np.eye(max(labels) + 1)[labels]

# expect: you used each label as its column number
# ceiling: 0
