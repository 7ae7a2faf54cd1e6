"""Hidden suite: cross entropy (seed section 7)."""

import numpy as np
import pytest

from grader.core.compare import assert_scalar_close, case
from grader.i18n import _

SEED_Y = [1, 0, 1, 1]
SEED_P = [0.4, 0.6, 0.1, 0.5]
SEED_ANSWER = 4.828313737302301


def _terms(Y, P):
    Y = np.asarray(Y, dtype=float)
    P = np.asarray(P, dtype=float)
    return Y * np.log(P), (1 - Y) * np.log(1 - P)


def diagnose(Y, P):
    positive, negative = _terms(Y, P)
    right = -np.sum(positive + negative)
    known = (
        (right / len(positive), _("you took the mean; cross entropy here is the sum over all "
                                  "points (np.sum, not np.mean).")),
        (-right, _("the minus sign is missing: cross entropy is -sum(...), a positive number.")),
        (right / np.log(10), _("log base 10? Use the natural log, np.log, not np.log10.")),
        (right / np.log(2), _("log base 2? Use the natural log, np.log, not np.log2.")),
        (-np.sum(positive), _("only the Y*ln(P) term: add (1 - Y)*ln(1 - P) for the negative "
                              "points.")),
        (-np.sum(negative), _("only the (1 - Y)*ln(1 - P) term: add Y*ln(P) for the positive "
                              "points.")),
        (-np.sum(np.asarray(Y, float) * np.log(1 - np.asarray(P, float))
                 + (1 - np.asarray(Y, float)) * np.log(np.asarray(P, float))),
         _("the two terms are swapped: Y goes with ln(P), and (1 - Y) with ln(1 - P).")),
        (-np.sum(positive - negative), _("the second term is subtracted; both terms are added "
                                         "inside the sum.")),
        (-np.sum(positive + (1 - np.asarray(Y, float)) * np.log(np.asarray(P, float))),
         _("the second term takes ln(P); it needs ln(1 - P): (1 - Y)*ln(1 - P).")),
        (-(positive + negative)[-1], _("only the last point counts: inside the loop, add each "
                                       "point's term to the total (total += ...) instead of "
                                       "replacing it (total = ...).")),
        (-(positive + negative)[0], _("only the first point counts: is your `return` inside the "
                                      "loop? Return the total after the loop ends.")),
    )

    def cause(actual):
        for value, message in known:
            if np.isclose(actual, value, rtol=1e-6):
                return message
        if not np.isfinite(actual).all():
            return _("ln(0) is -inf: take the log of P and of 1 - P only (the probabilities), "
                     "never of the labels Y or 1 - Y. Did you swap Y and P?")
        return None

    return cause


def check(submission, Y, P, expected, shown):
    with case(shown):
        actual = submission.cross_entropy(Y, P)
        assert_scalar_close(actual, expected, what=shown, diagnose=diagnose(Y, P))


@pytest.mark.points(2)
@pytest.mark.hint(1)
@pytest.mark.twin("test_random_lists")
def test_seed_example(submission):
    """the course's example: Y=[1, 0, 1, 1], P=[0.4, 0.6, 0.1, 0.5]"""
    check(submission, SEED_Y, SEED_P, SEED_ANSWER, f"cross_entropy({SEED_Y}, {SEED_P})")


@pytest.mark.points(1)
@pytest.mark.hint(2)
@pytest.mark.twin("test_random_arrays")
def test_seed_example_arrays(submission):
    """the same example, given as NumPy arrays"""
    check(submission, np.array(SEED_Y), np.array(SEED_P), SEED_ANSWER,
          f"cross_entropy(np.array({SEED_Y}), np.array({SEED_P}))")


@pytest.mark.points(1)
@pytest.mark.hint(1)
@pytest.mark.twin("test_random_confident")
def test_confident_and_right(submission, reference):
    """a confident, correct model has a small cross entropy"""
    Y, P = [1, 0, 1], [0.99, 0.02, 0.95]
    check(submission, Y, P, reference.cross_entropy(Y, P), f"cross_entropy({Y}, {P})")


@pytest.mark.points(1)
@pytest.mark.hint(2)
@pytest.mark.twin("test_random_float_labels")
def test_float_labels(submission, reference):
    """float labels such as 1.0 and 0.0 work too"""
    Y, P = [1.0, 0.0], [0.7, 0.2]
    check(submission, Y, P, reference.cross_entropy(Y, P), f"cross_entropy({Y}, {P})")


def random_labels(rng, size):
    """`size` labels with both 0 and 1 among them (for size >= 2), in a random order."""
    labels = rng.integers(0, 2, size)
    if size >= 2:
        labels[:2] = (0, 1)
    return [int(y) for y in rng.permutation(labels)]


@pytest.mark.points(2)
@pytest.mark.hidden
@pytest.mark.hint(1)
def test_random_lists(submission, reference, rng):
    """random labels and probabilities, as lists"""
    for size in (4, 5, 12):
        Y = random_labels(rng, size)
        P = [round(float(p), 4) for p in rng.uniform(0.05, 0.95, size)]
        check(submission, Y, P, reference.cross_entropy(Y, P),
              _("cross_entropy of {size} random points").format(size=size))
    p = round(float(rng.uniform(0.1, 0.9)), 4)
    for Y in ([1], [0]):
        check(submission, Y, [p], reference.cross_entropy(Y, [p]), f"cross_entropy({Y}, [p])")


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(2)
def test_random_arrays(submission, reference, rng):
    """random labels and probabilities, as NumPy arrays"""
    Y = np.array(random_labels(rng, 20))
    P = rng.uniform(0.01, 0.99, 20)
    check(submission, Y, P, reference.cross_entropy(Y, P),
          _("cross_entropy of {size} random points").format(size=len(Y)))


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(1)
def test_random_confident(submission, reference, rng):
    """a random confident, correct model"""
    Y = random_labels(rng, 5)
    P = [round(float(abs(y - rng.uniform(0.005, 0.05))), 4) for y in Y]
    check(submission, Y, P, reference.cross_entropy(Y, P), _("cross_entropy of a confident model"))


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(2)
def test_random_float_labels(submission, reference, rng):
    """random float labels such as 1.0 and 0.0"""
    Y = [float(y) for y in random_labels(rng, 4)]
    P = [round(float(p), 4) for p in rng.uniform(0.05, 0.95, 4)]
    check(submission, Y, P, reference.cross_entropy(Y, P),
          _("cross_entropy of {size} random points with float labels").format(size=len(Y)))
