# A run that never stops is given a stop one past its last epoch.
import numpy as np


def best_epoch(validation_errors):
    if len(validation_errors) == 0:
        raise ValueError("no errors")
    return int(np.argmin(validation_errors))


def should_stop(validation_errors, patience):
    errors = list(validation_errors)
    if len(errors) < patience + 1:
        return False
    return min(errors[-patience:]) >= min(errors[:-patience])


def stopping_point(validation_errors, patience):
    stop_epoch = len(validation_errors)
    for k in range(len(validation_errors)):
        if should_stop(validation_errors[:k + 1], patience):
            stop_epoch = k
            break
    return stop_epoch, best_epoch(validation_errors[:stop_epoch + 1])

# expect: when should_stop never holds, stop_epoch is the last epoch
# ceiling: 6
