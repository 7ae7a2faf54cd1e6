"""Maximum likelihood and multi-class cross entropy: how good is a model with many classes?

Y is one-hot: one row per record, a 1 in the column of the record's actual class. P holds the
model's probabilities: one row per record, one column per class, each row summing to 1.

The likelihood is the probability the model gives to what really happened: for each record,
take the probability of its actual class (sum_j Y[i][j] * P[i][j]), then multiply them:

    likelihood(Y, P) = prod_i sum_j Y[i][j] * P[i][j]

A product of many numbers below 1 is tiny (0.5 ** 2000 is exactly 0.0 in floating point), so we
take logs instead, log(ab) = log(a) + log(b), and a minus sign to make the result positive:

    multiclass_cross_entropy(Y, P) = -sum_i sum_j Y[i][j] * ln(P[i][j])  =  -ln(likelihood)

Use the natural log (np.log), a sum over every record (not the mean), and return one float.
Compute the cross entropy by summing the logs, not as -log(likelihood(...)): it must stay
finite when the likelihood underflows to 0.0. Y and P may be lists of lists or 2-D arrays.

The course's example: two models see the same four records and give their actual classes the
probabilities [0.6, 0.2, 0.1, 0.7] (model A) and [0.7, 0.9, 0.8, 0.6] (model B). Model A's
cross entropy is 0.51 + 1.61 + 2.3 + 0.36 = 4.78, model B's 1.19: B is the better model.

Check your work with:  grader check multiclass_cross_entropy.py
"""

import numpy as np


def likelihood(Y, P):
    raise NotImplementedError


def multiclass_cross_entropy(Y, P):
    raise NotImplementedError


if __name__ == "__main__":
    Y = [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0]]
    model_a = [[0.6, 0.3, 0.1], [0.5, 0.2, 0.3], [0.3, 0.6, 0.1], [0.7, 0.2, 0.1]]
    model_b = [[0.7, 0.2, 0.1], [0.05, 0.9, 0.05], [0.1, 0.1, 0.8], [0.6, 0.3, 0.1]]
    for name, P in (("A", model_a), ("B", model_b)):
        print(name, likelihood(Y, P), multiclass_cross_entropy(Y, P))
