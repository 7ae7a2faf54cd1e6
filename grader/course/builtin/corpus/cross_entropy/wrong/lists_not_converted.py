# ceiling: 2 — must fail seed_example, confident_and_right, float_labels, random_lists, random_confident and random_float_labels
import numpy as np


def cross_entropy(Y, P):
    return -np.sum(Y * np.log(P) + (1 - Y) * np.log(1 - P))

# expect: Python lists do not do arithmetic element by element
