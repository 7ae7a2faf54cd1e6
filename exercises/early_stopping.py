"""Early stopping: stop training when the validation error stops improving.

While a network trains, its error on the training data keeps falling, but its error on
validation data falls and then rises again: from then on it learns the training data by heart
(overfitting). Early stopping watches the validation errors, one per epoch (epochs count from
0), and stops once `patience` epochs in a row have brought no improvement; the weights to keep
are those of the best epoch seen.

- best_epoch(validation_errors): the index of the lowest error; on a tie, the first of them.
  An empty list has no best epoch: raise ValueError.
- should_stop(validation_errors, patience): True once the last `patience` errors are all no
  better than (greater than or equal to) the best error before them; False while fewer than
  patience + 1 errors are known. patience is at least 1.
- stopping_point(validation_errors, patience): replay a recorded run epoch by epoch. Return
  (stop_epoch, best): stop_epoch is the first epoch k at which
  should_stop(validation_errors[:k + 1], patience) is True (the last epoch if it never is),
  and best = best_epoch(validation_errors[:stop_epoch + 1]): a stopped run never sees the
  errors after stop_epoch.

Example, patience 2: [0.9, 0.7, 0.5, 0.6, 0.8] has its best epoch at 2, and should_stop is True
for it (0.6 and 0.8 are no better than 0.5), so stopping_point gives (4, 2).
validation_errors may be a list or a NumPy array.

Check your work with:  grader check early_stopping.py
"""

import numpy as np


def best_epoch(validation_errors):
    raise NotImplementedError


def should_stop(validation_errors, patience):
    raise NotImplementedError


def stopping_point(validation_errors, patience):
    raise NotImplementedError


if __name__ == "__main__":
    errors = [0.9, 0.7, 0.55, 0.5, 0.52, 0.5, 0.51, 0.53, 0.45, 0.6, 0.62, 0.64]
    print("best epoch of the whole run:", best_epoch(errors))
    for patience in (1, 2, 3):
        print(f"patience {patience}: stop at epoch, best epoch =",
              stopping_point(errors, patience))
