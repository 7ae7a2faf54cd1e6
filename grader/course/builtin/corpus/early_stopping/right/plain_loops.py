# No NumPy: loops and comparisons only.
def best_epoch(validation_errors):
    if len(validation_errors) == 0:
        raise ValueError("there is no best epoch of an empty run")
    best = 0
    for epoch in range(1, len(validation_errors)):
        if validation_errors[epoch] < validation_errors[best]:
            best = epoch
    return best


def should_stop(validation_errors, patience):
    n = len(validation_errors)
    if n < patience + 1:
        return False
    best_before = min(validation_errors[:n - patience])
    for error in validation_errors[n - patience:]:
        if error < best_before:
            return False
    return True


def stopping_point(validation_errors, patience):
    for k in range(len(validation_errors)):
        if should_stop(validation_errors[:k + 1], patience):
            return k, best_epoch(validation_errors[:k + 1])
    last = len(validation_errors) - 1
    return last, best_epoch(validation_errors)
