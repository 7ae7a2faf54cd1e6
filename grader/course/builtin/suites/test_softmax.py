"""Hidden suite: softmax (seed section 4)."""

import numpy as np
import pytest

from grader.core.compare import assert_close, case, fail, numbers
from grader.i18n import N_, _

SEED_EXAMPLE = [1.0, 2.0, 3.0, 4.0, 1.0, 2.0, 3.0]


def _normalised(values):
    return values / np.sum(values)


_WRONG_FORMULAS = (
    (lambda L: _normalised(L**2),
     N_("exp is not squaring: use np.exp(L), not L**2 (the course text's remark that exp "
        "squares a number is a slip).")),
    (lambda L: np.exp(L),
     N_("these are exp(L) but not divided by their sum, so they do not add up to 1.")),
    (lambda L: np.exp(L) / np.sum(L),
     N_("you divided by sum(L); divide by the sum of the exponentials, sum(exp(L)).")),
    (lambda L: _normalised(L), N_("you normalised L itself; apply np.exp to each score first.")),
    (lambda L: np.exp(L) / L.size,
     N_("you divided by the number of scores, len(L); divide by the sum of the exponentials.")),
    (lambda L: np.exp(L) / np.exp(np.sum(L)),
     N_("you divided by exp(sum(L)); divide by sum(exp(L)), the sum of the exponentials.")),
    (lambda L: np.exp(L) / np.max(np.exp(L)),
     N_("these are exp(L - max(L)), the exponentials divided by the largest one: divide them by "
        "their sum instead.")),
    (lambda L: np.exp(L) / np.sum(np.exp(L - np.max(L))),
     N_("max(L) is subtracted in the denominator only: subtract max(L) in the numerator too, "
        "np.exp(L - max(L)) / np.sum(np.exp(L - max(L))).")),
    (lambda L: np.exp(L - np.max(L)) / np.sum(np.exp(L)),
     N_("max(L) is subtracted in the numerator only: subtract it in the denominator too, "
        "np.exp(L - max(L)) / np.sum(np.exp(L - max(L))).")),
    (lambda L: 1.0 / (1.0 + np.exp(-L)),
     N_("that is the sigmoid of each score. Softmax divides exp(L[i]) by the sum of all the "
        "exp(L[j]), so the probabilities add up to 1.")),
    (lambda L: _normalised(np.exp(-L)), N_("the sign is flipped: use exp(L), not exp(-L).")),
    (lambda L: _normalised(2.0**L), N_("you used 2**x; softmax uses e**x, i.e. np.exp.")),
    (lambda L: _normalised(10.0**L), N_("you used 10**x; softmax uses e**x, i.e. np.exp.")),
    (lambda L: _normalised(np.exp(L))[::-1], N_("the right probabilities in reverse order.")),
    (lambda L: np.exp(L) / np.sum(np.exp(L)) ** 2, N_("you divided by the sum twice.")),
)


def diagnose(L):
    L = np.asarray(L, dtype=float)

    def cause(actual):
        correct = _normalised(np.exp(L - L.max()))
        if actual.shape == (1,) and L.size > 1 and np.isclose(actual[0], correct[0]):
            return _("only the first probability came back: is your `return` inside the loop? "
                     "Return the list after the loop ends.")
        for formula, message in _WRONG_FORMULAS:
            wrong = formula(L)
            if wrong.shape == actual.shape and np.allclose(actual, wrong, rtol=1e-6, atol=1e-9):
                return _(message)
        if actual.shape == correct.shape and np.allclose(actual, correct, atol=0.006):
            return _("the values are close but not exact: are you rounding them?")
        if actual.shape == L.shape and not np.isclose(actual.sum(), 1.0):
            return _("the probabilities must add up to 1: divide by the sum of the exponentials.")
        return None

    return cause


def draw(chart, L, actual, expected, always):
    """The learner's probabilities beside the expected ones, as bars: when they differ, or
    `always` (the course's example, which a right answer shows too)."""
    try:
        values = np.asarray(actual, dtype=float).ravel()
    except (TypeError, ValueError, OverflowError):
        return
    expected = np.asarray(expected, dtype=float)
    if always or values.shape != expected.shape \
            or not np.allclose(values, expected, rtol=1e-6, atol=1e-8):
        chart("bars", f"softmax({L!r})", "i", "softmax(L)[i]",
              [("", "learner", list(enumerate(values))),
               ("", "reference", list(enumerate(expected)))])


def check(submission, L, expected, chart=None, always=False):
    with case(f"softmax({L!r})"):
        actual = submission.softmax(L)
        if chart is not None:
            draw(chart, L, actual, expected, always)
        assert_close(actual, expected, what=f"softmax({L!r})", diagnose=diagnose(L))


@pytest.mark.points(1)
@pytest.mark.hint(1)
@pytest.mark.twin("test_random_lists")
def test_small_list(submission, reference, chart):
    """softmax([1, 2, 3]): the course's first example"""
    check(submission, [1, 2, 3], reference.softmax([1, 2, 3]), chart)


@pytest.mark.points(1)
@pytest.mark.hint(1)
@pytest.mark.twin("test_random_lists")
def test_seed_example(submission, reference, chart):
    """softmax of the seven scores in the course's example"""
    check(submission, SEED_EXAMPLE, reference.softmax(SEED_EXAMPLE), chart, always=True)


@pytest.mark.points(1)
@pytest.mark.hint(1)
@pytest.mark.twin("test_random_special_cases")
def test_single_score(submission, chart):
    """a single score gets probability 1"""
    check(submission, [3.5], [1.0], chart)


@pytest.mark.points(1)
@pytest.mark.hint(1)
@pytest.mark.twin("test_random_special_cases")
def test_equal_scores(submission, chart):
    """equal scores get equal probabilities"""
    check(submission, [2.0, 2.0, 2.0, 2.0], [0.25, 0.25, 0.25, 0.25], chart)


@pytest.mark.points(1)
@pytest.mark.hint(3)
@pytest.mark.twin("test_random_special_cases")
def test_negative_scores(submission, reference, chart):
    """negative scores still give positive probabilities"""
    L = [-1.0, -2.5, 0.5]
    check(submission, L, reference.softmax(L), chart)


def check_list(submission, L):
    """A list of scores, as the visible examples pass them: the properties first, then values."""
    size = len(L)
    what = _("softmax of {size} random scores").format(size=size)
    with case(what):
        probabilities = numbers(submission.softmax(L), what)
        if probabilities.shape != (size,):
            fail(_("softmax of {size} scores has shape {shape}; expected ({size},).").format(
                size=size, shape=probabilities.shape), cause=diagnose(L)(probabilities))
        if not np.isclose(probabilities.sum(), 1.0):
            fail(_("The probabilities do not add up to 1."), cause=diagnose(L)(probabilities))
        if (probabilities <= 0).any():
            fail(_("Some probabilities are 0 or negative; exp(x) is always positive."),
                 cause=diagnose(L)(probabilities))
        if not (np.argsort(probabilities, kind="stable") == np.argsort(L, kind="stable")).all():
            fail(_("A higher score must give a higher probability: the order is wrong."),
                 cause=diagnose(L)(probabilities))
        assert_close(probabilities, _normalised(np.exp(np.asarray(L, dtype=float))),
                     what=what, diagnose=diagnose(L))


@pytest.mark.points(2)
@pytest.mark.hidden
@pytest.mark.hint(1)
def test_random_lists(submission, rng):
    """random lists like the examples, repeats included"""
    check_list(submission, [int(x) for x in rng.choice(np.arange(-4, 8), 3, replace=False)])
    values = [round(float(x), 1) for x in rng.uniform(-3.0, 5.0, 4)]
    check_list(submission, [values[i] for i in rng.permutation([0, 1, 2, 3, 0, 1, 2])])


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(3)
def test_random_special_cases(submission, rng):
    """random single, equal and negative scores"""
    check_list(submission, [round(float(rng.uniform(-5.0, 5.0)), 2)])
    # 3, 6 and 7 equal scores: 1/3, 1/6 and 1/7 are not short decimals, so rounding shows.
    check_list(submission, [round(float(rng.uniform(-5.0, 5.0)), 2)] * int(rng.choice([3, 6, 7])))
    check_list(submission, [round(float(x), 2) for x in -rng.uniform(0.1, 5.0, 3)])


@pytest.mark.points(2)
@pytest.mark.hidden
@pytest.mark.hint(2)
def test_random_arrays(submission, reference, rng):
    """random NumPy arrays of scores"""
    for size in (2, 5, 10):
        L = rng.normal(0.0, 3.0, size)
        with case(f"softmax(np.array({L.tolist()!r}))"):
            actual = submission.softmax(L)
            assert_close(actual, reference.softmax(L),
                         what=_("softmax of {size} random scores").format(size=size),
                         diagnose=diagnose(L))


@pytest.mark.points(0)
@pytest.mark.optional
@pytest.mark.hint(4)
def test_large_scores_challenge(submission):
    """challenge: large scores such as [1000, 1001] (subtract the largest score first)"""
    L = [1000.0, 1001.0]
    expected = _normalised(np.exp(np.asarray(L) - 1001.0))
    with case("softmax([1000.0, 1001.0])"):
        actual = submission.softmax(L)
        assert_close(actual, expected, what="softmax([1000.0, 1001.0])",
                     diagnose=lambda actual: _(
                         "exp(1000) overflows to inf. Subtract max(L) from every score first: "
                         "the result is the same, and nothing overflows.")
                     if not np.isfinite(actual).all() else None)
