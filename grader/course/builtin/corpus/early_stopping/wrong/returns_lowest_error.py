# Returns the lowest error rather than its epoch.
import numpy as np


def best_epoch(validation_errors):
    if len(validation_errors) == 0:
        raise ValueError("no errors")
    return min(validation_errors)


def should_stop(validation_errors, patience):
    errors = list(validation_errors)
    if len(errors) < patience + 1:
        return False
    return min(errors[-patience:]) >= min(errors[:-patience])


def stopping_point(validation_errors, patience):
    stop_epoch = len(validation_errors) - 1
    for k in range(len(validation_errors)):
        if should_stop(validation_errors[:k + 1], patience):
            stop_epoch = k
            break
    errors = list(validation_errors[:stop_epoch + 1])
    return stop_epoch, errors.index(min(errors))

# expect: you returned the lowest error itself
# ceiling: 6
