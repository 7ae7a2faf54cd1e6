# <= keeps the last of equal errors.
import numpy as np


def best_epoch(validation_errors):
    if len(validation_errors) == 0:
        raise ValueError("no errors")
    best = 0
    for epoch, error in enumerate(validation_errors):
        if error <= validation_errors[best]:
            best = epoch
    return best


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
    return stop_epoch, best_epoch(validation_errors[:stop_epoch + 1])

# expect: the first epoch with the lowest error wins
# ceiling: 3
