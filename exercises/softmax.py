"""Softmax: turn a list of scores into probabilities.

A classifier gives each class a score. Softmax makes the scores positive and makes them add up
to 1, keeping their order: the class with the highest score gets the highest probability.

    softmax(L)[i] = exp(L[i]) / (exp(L[0]) + exp(L[1]) + ... + exp(L[n-1]))

`L` is a list or a 1-D NumPy array of numbers. Return the probabilities in the same order, as a
list or a NumPy array. (Exponentiating is not squaring: use np.exp.)

Check your work with:  grader check softmax.py
"""

import numpy as np


def softmax(L):
    raise NotImplementedError


if __name__ == "__main__":
    z = [1.0, 2.0, 3.0, 4.0, 1.0, 2.0, 3.0]
    print(softmax(z))
