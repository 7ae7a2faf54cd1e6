"""Cross entropy: how surprised a model is by the true labels.

Y holds the true labels (1 for a positive point, 0 for a negative one) and P the model's
probability that each point is positive. A good model gives high probabilities to what really
happened, so its cross entropy is low:

    cross_entropy(Y, P) = -sum( Y*ln(P) + (1 - Y)*ln(1 - P) )

Use the natural log (np.log), sum over all points (not the mean), and return one float.
Y and P may be lists or NumPy arrays.

Example: cross_entropy([1, 0, 1, 1], [0.4, 0.6, 0.1, 0.5]) is about 4.8283.

Check your work with:  grader check cross_entropy.py
"""

import numpy as np


def cross_entropy(Y, P):
    raise NotImplementedError


if __name__ == "__main__":
    print(cross_entropy([1, 0, 1, 1], [0.4, 0.6, 0.1, 0.5]))
