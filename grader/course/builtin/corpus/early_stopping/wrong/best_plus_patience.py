# Assumes the run stops exactly patience epochs after its best epoch.
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
    best = best_epoch(validation_errors)
    return min(best + patience, len(validation_errors) - 1), best

# expect: replay the run epoch by epoch
# ceiling: 6
