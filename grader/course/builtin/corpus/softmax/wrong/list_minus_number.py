# ceiling: 2 — must fail small_list, seed_example, single_score, equal_scores, negative_scores, random_lists and random_special_cases
import numpy as np


def softmax(L):
    shifted = L - max(L)
    expL = np.exp(shifted)
    return expL / expL.sum()

# expect: Python lists do not do arithmetic element by element
