# Compares with the minimum of every error, the last ones included.
import numpy as np


def best_epoch(validation_errors):
    if len(validation_errors) == 0:
        raise ValueError("no errors")
    return int(np.argmin(validation_errors))


def should_stop(validation_errors, patience):
    errors = list(validation_errors)
    if len(errors) < patience + 1:
        return False
    return min(errors[-patience:]) >= min(errors)


def stopping_point(validation_errors, patience):
    stop_epoch = len(validation_errors) - 1
    for k in range(len(validation_errors)):
        if should_stop(validation_errors[:k + 1], patience):
            stop_epoch = k
            break
    return stop_epoch, best_epoch(validation_errors[:stop_epoch + 1])

# expect: min(validation_errors) includes the last patience errors, so it always holds
# ceiling: 3
