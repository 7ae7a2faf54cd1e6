# NumPy throughout: np.bool_ and np.int64 answers, a list from stopping_point.
import numpy as np


def best_epoch(validation_errors):
    errors = np.asarray(validation_errors, dtype=float)
    if errors.size == 0:
        raise ValueError("validation_errors is empty")
    return np.flatnonzero(errors == errors.min())[0]


def should_stop(validation_errors, patience):
    errors = np.asarray(validation_errors, dtype=float)
    if errors.size <= patience:
        return np.False_
    return errors[-patience:].min() >= errors[:-patience].min()


def stopping_point(validation_errors, patience):
    errors = np.asarray(validation_errors, dtype=float)
    stops = [should_stop(errors[:k + 1], patience) for k in range(errors.size)]
    stop_epoch = int(np.argmax(stops)) if any(stops) else errors.size - 1
    return [stop_epoch, best_epoch(errors[:stop_epoch + 1])]
