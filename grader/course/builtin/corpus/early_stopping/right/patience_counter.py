# The counter most libraries keep: epochs since the last improvement.
def best_epoch(validation_errors):
    errors = list(validation_errors)
    return errors.index(min(errors))


def should_stop(validation_errors, patience):
    errors = list(validation_errors)
    if len(errors) <= patience:
        return False
    return best_epoch(errors) < len(errors) - patience


def stopping_point(validation_errors, patience):
    errors = list(validation_errors)
    best, wait = 0, 0
    for epoch in range(1, len(errors)):
        if errors[epoch] < errors[best]:
            best, wait = epoch, 0
        else:
            wait += 1
        if wait >= patience:
            return epoch, best
    return len(errors) - 1, best
