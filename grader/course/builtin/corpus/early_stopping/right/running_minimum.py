# A running minimum: the best error before the window, for every epoch at once.
import numpy as np


def best_epoch(validation_errors):
    return int(np.argmin(validation_errors))


def should_stop(validation_errors, patience):
    if len(validation_errors) < patience + 1:
        return False
    before = np.minimum.accumulate(validation_errors)[-patience - 1]
    return bool(np.all(np.asarray(validation_errors[-patience:]) >= before))


def stopping_point(validation_errors, patience):
    k = 0
    while k < len(validation_errors) - 1 and not should_stop(validation_errors[:k + 1], patience):
        k += 1
    return (k, best_epoch(validation_errors[:k + 1]))
