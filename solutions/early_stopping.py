"""Reference solution: early stopping by replaying the validation errors."""

import numpy as np


def best_epoch(validation_errors):
    if len(validation_errors) == 0:
        raise ValueError("no validation errors: there is no best epoch")
    return int(np.argmin(validation_errors))


def should_stop(validation_errors, patience):
    errors = list(validation_errors)
    if len(errors) < patience + 1:
        return False
    return min(errors[-patience:]) >= min(errors[:-patience])


def stopping_point(validation_errors, patience):
    errors = list(validation_errors)
    stop_epoch = len(errors) - 1
    for epoch in range(len(errors)):
        if should_stop(errors[:epoch + 1], patience):
            stop_epoch = epoch
            break
    return stop_epoch, best_epoch(errors[:stop_epoch + 1])


if __name__ == "__main__":
    errors = [0.9, 0.7, 0.55, 0.5, 0.52, 0.5, 0.51, 0.53, 0.45, 0.6, 0.62, 0.64]
    print("best epoch of the whole run:", best_epoch(errors))
    for patience in (1, 2, 3):
        print(f"patience {patience}: stop at epoch, best epoch =",
              stopping_point(errors, patience))
