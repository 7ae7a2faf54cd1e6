"""Hidden suite: early stopping (seed section 15.1).

The random runs are generated validation curves (grader/course/datasets.py): U-shaped, with
noise, flat stretches and ties. They are drawn until every known mistake (`>` for `>=`, the
previous error instead of the best, a window one too long or short, the best of the whole run
instead of the run seen, epochs counted from 1, ...) answers wrongly on at least one of them, so
that a wrong answer fails whatever the seed.
"""

import itertools

import numpy as np
import pytest

from grader.boundary.proxy import Remote
from grader.core.compare import case, fail, kind_of, show
from grader.course.datasets import validation_curve
from grader.feedback import Raised
from grader.i18n import N_, _, counted

EXAMPLE = [0.9, 0.7, 0.5, 0.6, 0.8]
TIED = [0.5, 0.4, 0.6, 0.4, 0.45]
RUN = [0.9, 0.7, 0.55, 0.5, 0.52, 0.5, 0.51, 0.53, 0.45, 0.6, 0.62, 0.64]
FALLING = [0.9, 0.8, 0.7, 0.65, 0.6]
STOPPING_EXAMPLES = ((EXAMPLE, 2), (RUN, 2), (RUN, 3), (FALLING, 2),
                     ([0.9, 0.6, 0.7, 0.65, 0.8, 0.85], 2), ([0.9, 0.6, 0.7, 0.7, 0.8], 2))
STOP_EXAMPLES = ((EXAMPLE, 2), (EXAMPLE[:4], 2), (EXAMPLE, 3), ([0.9, 0.5, 0.5, 0.5], 2),
                 ([0.5, 0.6], 2), ([0.9, 0.7, 0.8], 1), ([0.9, 0.7, 0.6], 1),
                 ([0.5, 0.9, 0.7], 1), ([0.5, 0.6, 0.6], 1), ([0.5, 0.6, 0.7], 2),
                 ([0.5, 0.4, 0.6], 2))
TRIES = 500


# --- the right answers, and the known wrong ones -------------------------------------------------

def best(errors):
    return int(np.argmin(errors))


def stops(errors, patience):
    errors = list(errors)
    if len(errors) < patience + 1:
        return False
    return min(errors[-patience:]) >= min(errors[:-patience])


def replay(errors, patience, rule=stops):
    """The first epoch k at which rule(errors[:k + 1], patience) holds, else the last one."""
    errors = list(errors)
    for epoch in range(len(errors)):
        if rule(errors[:epoch + 1], patience):
            return epoch
    return len(errors) - 1


def stopping(errors, patience):
    stop = replay(errors, patience)
    return stop, best(errors[:stop + 1])


def _guarded(rule):
    """A wrong rule, with the right answer while fewer than patience + 1 errors are known."""
    def guarded(errors, patience):
        errors = list(errors)
        return False if len(errors) < patience + 1 else bool(rule(errors, patience))
    return guarded


LOWEST_ERROR_ITSELF = N_("you returned the lowest error itself; best_epoch returns its index, "
                        "the epoch number.")
BEST_MISTAKES = (
    (lambda e: float(np.min(e)), LOWEST_ERROR_ITSELF),
    (lambda e: best(e) + 1, N_("epochs count from 0: the first error is epoch 0, so the index is "
                               "np.argmin(validation_errors), without + 1.")),
    (lambda e: len(e) - 1 - best(list(e)[::-1]),
     N_("on a tie the first epoch with the lowest error wins: replace the best only when an error "
        "is lower (<), not when it is equal (<=).")),
    (lambda e: int(np.argmax(e)), N_("that is the epoch with the highest error; the best epoch "
                                     "has the lowest.")),
)

STRICT = N_("an error equal to the best is no better, so it counts towards patience: the last "
             "errors need only be greater than or equal to (>=) the best before them, and a flat "
             "stretch stops training too.")
PREVIOUS = N_("each of the last errors is compared with the one before it; compare them with the "
              "best error before them, min(validation_errors[:-patience]).")
STOP_MISTAKES = (
    (_guarded(lambda e, p: min(e[-p:]) > min(e[:-p])), STRICT),
    (_guarded(lambda e, p: all(e[i] > e[i - 1] for i in range(len(e) - p, len(e)))), PREVIOUS),
    (_guarded(lambda e, p: all(e[i] >= e[i - 1] for i in range(len(e) - p, len(e)))), PREVIOUS),
    (_guarded(lambda e, p: min(e[-p:]) >= min(e)),
     N_("min(validation_errors) includes the last patience errors, so it always holds; the best "
        "must come from the errors before them, validation_errors[:-patience].")),
    (_guarded(lambda e, p: len(e) > p + 1 and min(e[-p - 1:]) >= min(e[:-p - 1])),
     N_("the window is one error too long: look at the last patience errors, "
        "validation_errors[-patience:].")),
    (_guarded(lambda e, p: p > 1 and min(e[-p + 1:]) >= min(e[:-p + 1])),
     N_("the window is one error too short: look at the last patience errors, "
        "validation_errors[-patience:].")),
    (_guarded(lambda e, p: e[-1] >= min(e[:-1])),
     N_("only the last error is compared; all of the last patience errors must be no better "
        "than the best before them.")),
)
STOP_CAUSES = {message for _rule, message in STOP_MISTAKES}

STOPPING_MISTAKES = (
    (lambda e, p: (replay(e, p), best(e)),
     N_("best must come from validation_errors[:stop_epoch + 1]: a run stopped at stop_epoch "
        "never measured the errors after it.")),
    (lambda e, p: (len(e) if replay(e, p) == len(e) - 1 and not stops(e, p) else replay(e, p),
                   best(e[:replay(e, p) + 1])),
     N_("when should_stop never holds, stop_epoch is the last epoch, "
        "len(validation_errors) - 1.")),
    (lambda e, p: (replay(e, p) + 1, best(e[:replay(e, p) + 1])),
     N_("stop_epoch is an index, counted from 0: the epoch k at which "
        "should_stop(validation_errors[:k + 1], patience) first holds.")),
    (lambda e, p: tuple(reversed(stopping(e, p))),
     N_("the two values are swapped: return (stop_epoch, best).")),
    (lambda e, p: (min(best(e) + p, len(e) - 1), best(e)),
     N_("the stop is not the best epoch of the whole run plus patience: replay the run epoch by "
        "epoch and stop at the first k where should_stop(validation_errors[:k + 1], patience) "
        "holds.")),
    # stopping_point that stops where it would with a should_stop mistake: its message, told
    # as such (`stopping_cause`).
    *((lambda e, p, rule=rule: (replay(e, p, rule), best(e[:replay(e, p, rule) + 1])), message)
      for rule, message in STOP_MISTAKES),
)


def stopping_cause(message):
    """The learner's words for a stopping_point mistake (None for none known)."""
    if message in STOP_CAUSES:
        return _("stopping_point stops where it would if should_stop had this mistake: "
                 "{mistake}").format(mistake=_(message))
    return _(message) if message else None


# --- reading the learner's answers ---------------------------------------------------------------

def _raised_cause(error):
    message = str(error.info.get("message", ""))
    if error.type_name == "ValueError" and "truth value of an array" in message:
        return _("`if not validation_errors:` (or `if validation_errors:`) does not work on a "
                 "NumPy array: test len(validation_errors) == 0.")
    if error.type_name == "AttributeError" and "'index'" in message:
        return _("NumPy arrays have no .index(): np.argmin(validation_errors) works on lists "
                 "and arrays alike.")
    return None


def call(function, *args):
    try:
        return function(*args)
    except Raised as error:
        cause = _raised_cause(error)
        if cause:
            fail(error.message, cause=cause)
        raise


def epoch_number(value, what):
    """The learner's epoch index as an int, or a Mismatch that says why it is not one."""
    if value is None:
        fail(_("{what} returned None. Did you forget the `return` statement?").format(what=what))
    if isinstance(value, (bool, np.bool_)):
        fail(_("{what} returned {value}; it should return an epoch index, an int.").format(
            what=what, value=repr(value)))
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (list, tuple)) or isinstance(value, np.ndarray) and value.ndim > 0:
        fail(_("{what} returned {kind}; it should return one epoch index.").format(
            what=what, kind=kind_of(value)), actual=value,
            cause=_("np.where(...)[0] lists every epoch with the lowest error; np.argmin gives "
                    "the first of them.") if len(value) > 1 else None)
    if isinstance(value, (float, np.floating, np.ndarray)) and np.ndim(value) == 0:
        fail(_("{what} returned {value}, which is not an int; an epoch index is an int such as "
               "3.").format(what=what, value=show(value)), actual=value,
             cause=_(LOWEST_ERROR_ITSELF) if float(value) % 1 else _("wrap it in int(...)."))
    fail(_("{what} returned {kind}; it should return an epoch index, an int.").format(
        what=what, kind=kind_of(value)))


def truth(value, what):
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if value is None:
        fail(_("{what} returned None; it should return True or False.").format(what=what),
             cause=_("a function that returns True inside an `if` and nothing after it returns "
                     "None: add `return False` at the end."))
    fail(_("{what} returned {value}; it should return True or False.").format(
        what=what, value=show(value)), actual=value)


def pair(value, what):
    if value is None:
        fail(_("{what} returned None. Did you forget `return stop_epoch, best`?").format(
            what=what))
    if isinstance(value, Remote) or not isinstance(value, (tuple, list, np.ndarray)) \
            or isinstance(value, np.ndarray) and value.ndim != 1 or len(value) != 2:
        fail(_("{what} returned {kind}; it should return two epoch indices: "
               "(stop_epoch, best).").format(what=what, kind=kind_of(value)), actual=value)
    return tuple(epoch_number(part, _("{what} (one of its two values)").format(what=what))
                 for part in value)


def explained(mistakes, cases, answers):
    """The first known mistake that gives every one of the learner's answers: a mistake is named
    only when it accounts for all of them, not when it matches one by chance."""
    for mistake, message in mistakes:
        try:
            if [mistake(*arguments) for arguments in cases] == answers:
                return message
        except (ValueError, IndexError, TypeError):
            continue
    return None


# --- best_epoch ----------------------------------------------------------------------------------

def check_best(submission, errors, shown):
    expected = best(errors)
    with case(shown):
        actual = epoch_number(call(submission.best_epoch, errors), shown)
        if actual != expected:
            cause = explained(BEST_MISTAKES, [(errors,)], [actual])
            fail(_("{call} is not the index of the lowest error (the first, on a tie).").format(
                call=shown),
                 detail=_("Expected {expected}, got {actual}.").format(
                     expected=expected, actual=show(actual)), expected=expected,
                 actual=actual, cause=_(cause) if cause else None)


@pytest.mark.points(1)
@pytest.mark.hint(1)
@pytest.mark.twin("test_best_epoch_random")
def test_best_epoch(submission):
    """best_epoch: the index of the lowest error, the first one on a tie"""
    for errors in (EXAMPLE, TIED, [0.3]):
        check_best(submission, errors, f"best_epoch({errors})")


def telling_best_curve(rng):
    """A run on which every best_epoch mistake answers wrongly: its lowest error is tied."""
    for _try in range(TRIES):
        errors = validation_curve(rng, int(rng.integers(30, 60)))
        if errors.count(min(errors)) > 1 and all(
                mistake(errors) != best(errors) for mistake, _message in BEST_MISTAKES):
            return errors
    raise AssertionError("no telling validation curve for best_epoch")


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(1)
def test_best_epoch_random(submission, rng):
    """best_epoch of random runs with ties"""
    for _run in range(2):
        errors = telling_best_curve(rng)
        check_best(submission, errors, _("best_epoch of a random run of {size} epochs").format(
            size=len(errors)))


@pytest.mark.points(1)
@pytest.mark.hint(1)
@pytest.mark.twin("test_best_epoch_random")
def test_best_epoch_empty(submission):
    """best_epoch([]) raises ValueError"""
    shown = "best_epoch([])"
    with case(shown):
        try:
            actual = submission.best_epoch([])
        except Raised as error:
            if error.type_name != "ValueError":
                fail(_("{call} raised {error}; it should raise ValueError: an empty list has no "
                       "best epoch.").format(call=shown, error=error.type_name),
                     detail=error.message,
                     cause=_("check `if len(validation_errors) == 0:` first and raise "
                             "ValueError yourself.") if error.type_name == "IndexError" else None)
            return
        fail(_("{call} returned {value}; it should raise ValueError, since an empty list has no "
               "best epoch (any index it returned would point at no error).").format(
                   call=shown, value=show(actual)),
             cause=_("raise ValueError(\"no validation errors\") when the list is empty."))


# --- should_stop ---------------------------------------------------------------------------------

SHORT = N_("with fewer than patience + 1 errors there is no best error before the last "
           "patience ones: return False.")


def check_stops(submission, cases, shown, summary):
    """should_stop on each (errors, patience) case; a wrong answer is explained by the known
    mistake that gives all of the learner's answers."""
    answers = []
    for errors, patience in cases:
        with case(shown(errors, patience)):
            answers.append(truth(call(submission.should_stop, errors, patience),
                                 shown(errors, patience)))
    expected = [stops(errors, patience) for errors, patience in cases]
    wrong = [i for i, (got, right) in enumerate(zip(answers, expected, strict=True))
             if got != right]
    if wrong:
        cause = explained(STOP_MISTAKES, cases, answers)
        if cause is None and all(len(cases[i][0]) < cases[i][1] + 1 for i in wrong):
            cause = SHORT
        first = wrong[0]
        with case(shown(*cases[first])):
            fail(summary(cases[first], len(wrong)),
                 detail=_("Expected {expected}, got {actual}.").format(
                     expected=expected[first], actual=answers[first]),
                 expected=expected[first], actual=answers[first],
                 cause=_(cause) if cause else None)


@pytest.mark.points(1)
@pytest.mark.hint(2)
@pytest.mark.twin("test_should_stop_random")
def test_should_stop(submission):
    """should_stop: patience errors no better than the best before them"""
    check_stops(submission, STOP_EXAMPLES, _call_shown("should_stop"),
                lambda wrong, count: _("{call} is not right.").format(
                    call=_call_shown("should_stop")(*wrong)))


def _call_shown(name):
    return lambda errors, patience: f"{name}({errors}, patience={patience})"


def telling(mistakes, right, cases):
    """Whether every mistake answers wrongly on some case, and no two mistakes with different
    messages answer alike on all of them (so that `explained` names the one made)."""
    answers = [(message, [mistake(*arguments) for arguments in cases])
               for mistake, message in mistakes]
    expected = [right(*arguments) for arguments in cases]
    return all(got != expected for _message, got in answers) and all(
        first != second for (one, first), (other, second)
        in itertools.combinations(answers, 2) if one != other)


def telling_stop_cases(rng):
    """Two runs and patiences on whose prefixes the should_stop mistakes answer wrongly, each
    in its own way."""
    for _try in range(TRIES):
        cases = [(validation_curve(rng, int(rng.integers(25, 40))), int(rng.integers(1, 6)))
                 for _run in range(2)]
        if all(telling(STOP_MISTAKES, stops, [(errors[:k], patience)
                                              for k in range(1, len(errors) + 1)])
               for errors, patience in cases):
            return cases
    raise AssertionError("no telling validation curves for should_stop")


@pytest.mark.points(2)
@pytest.mark.hidden
@pytest.mark.hint(2)
def test_should_stop_random(submission, rng):
    """should_stop after every epoch of random runs"""
    for errors, patience in telling_stop_cases(rng):
        check_run_stops(submission, errors, patience)


def check_run_stops(submission, errors, patience):
    """should_stop after every epoch of one run, as training would ask it."""
    run = _("should_stop after each epoch of a random run of {size} epochs, "
            "patience={patience}").format(size=len(errors), patience=patience)
    check_stops(submission, [(errors[:k], patience) for k in range(1, len(errors) + 1)],
                lambda *_case: run,
                lambda wrong, count: counted(count, "{run}: {n} of {size} answers is wrong.",
                                             "{run}: {n} of {size} answers are wrong.",
                                             run=run, size=len(errors)))


# --- stopping_point ------------------------------------------------------------------------------

def _difference(expected, actual):
    (stop, best_seen), (got_stop, got_best) = expected, actual
    if stop == got_stop:
        return _("stop_epoch {stop} is right, but best should be {best}, not {actual}.").format(
            stop=stop, best=best_seen, actual=show(got_best))
    if best_seen == got_best:
        return _("best {best} is right, but stop_epoch should be {stop}, not {actual}.").format(
            best=best_seen, stop=stop, actual=show(got_stop))
    return _("Expected {expected}, got {actual}.").format(expected=expected, actual=show(actual))


def check_stopping(submission, cases, shown, chart=None):
    """stopping_point on each (errors, patience) case, explained as check_stops does; with a
    `chart` (visible examples only), the first wrong case is drawn, else `DRAWN_EXAMPLE`."""
    answers = []
    for errors, patience in cases:
        with case(shown(errors, patience)):
            answers.append(pair(call(submission.stopping_point, errors, patience),
                                shown(errors, patience)))
    expected = [stopping(errors, patience) for errors, patience in cases]
    wrong = [i for i, (got, right) in enumerate(zip(answers, expected, strict=True))
             if got != right]
    if chart is not None:
        drawn = wrong[0] if wrong else DRAWN_EXAMPLE
        draw_stops(chart, *cases[drawn], answers[drawn][0], expected[drawn][0])
    if wrong:
        first = wrong[0]
        with case(shown(*cases[first])):
            fail(_("{call} is not the right (stop_epoch, best).").format(
                call=shown(*cases[first])),
                 detail=_difference(expected[first], answers[first]),
                 expected=expected[first], actual=answers[first],
                 cause=stopping_cause(explained(STOPPING_MISTAKES, cases, answers)))


DRAWN_EXAMPLE = 2  # RUN with patience 3: it stops at epoch 6, before the dip at epoch 8


def draw_stops(chart, errors, patience, stop, expected_stop):
    """The run's validation errors with the learner's stop and the course's marked: an example
    a visible test shows, so the course's stop may be drawn. A stop far off the run is not
    marked: it would squeeze the run into a corner of the chart."""
    marks = [(expected_stop, _("the course's stop"))]
    if -len(errors) <= stop <= 2 * len(errors):
        marks.insert(0, (stop, _("your stop")))
    chart("curve", _("Validation error per epoch, and where training stops "
                     "(patience={patience})").format(patience=patience),
          _("epoch"), _("validation error"),
          [(_("validation error"), "data", list(enumerate(errors)))],
          marks=marks)


@pytest.mark.points(1)
@pytest.mark.hint(3)
@pytest.mark.twin("test_stopping_point_random")
def test_stopping_point(submission, chart):
    """stopping_point: where a replayed run stops, and its best epoch"""
    check_stopping(submission, STOPPING_EXAMPLES, _call_shown("stopping_point"), chart)


def telling_stopping_cases(rng):
    """A run that stops, one whose best epoch comes after its stop, and one that never stops,
    on which every stopping_point mistake answers wrongly."""
    for _try in range(TRIES):
        patience = int(rng.integers(2, 6))
        stopped = validation_curve(rng, int(rng.integers(30, 50)))
        dipped = validation_curve(rng, int(rng.integers(30, 50)), late_dip=True)
        stop = replay(stopped, patience)
        unstopped = stopped[:stop]
        cases = [(stopped, patience), (dipped, patience), (unstopped, patience)]
        if stops(stopped[:stop + 1], patience) and best(dipped) > replay(dipped, patience) \
                and telling(STOPPING_MISTAKES, stopping, cases):
            return cases
    raise AssertionError("no telling validation curves for stopping_point")


@pytest.mark.points(2)
@pytest.mark.hidden
@pytest.mark.hint(3)
def test_stopping_point_random(submission, rng):
    """stopping_point of random runs, with a late dip or no stop"""
    check_stopping(submission, telling_stopping_cases(rng),
                   lambda errors, patience: _("stopping_point of a random run of {size} epochs, "
                                              "patience={patience}").format(
                                                  size=len(errors), patience=patience))


# --- NumPy arrays ------------------------------------------------------------------------------

@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(4)
def test_arrays(submission, rng):
    """validation errors given as a NumPy array"""
    errors = np.array(telling_best_curve(rng))
    check_best(submission, errors, _("best_epoch of a NumPy array of {size} errors").format(
        size=len(errors)))
    runs = [(np.array(run), patience) for run, patience in telling_stopping_cases(rng)]

    def shown(function, size, patience):
        return _("{function} of a NumPy array of {size} errors, patience={patience}").format(
            function=function, size=size, patience=patience)

    check_stops(submission, [(run[:k], patience) for run, patience in runs
                             for k in (patience, patience + 1, len(run))],
                lambda errors, patience: shown("should_stop", len(errors), patience),
                lambda wrong, count: _("{call} is not right.").format(
                    call=shown("should_stop", len(wrong[0]), wrong[1])))
    check_stopping(submission, runs,
                   lambda errors, patience: shown("stopping_point", len(errors), patience))
