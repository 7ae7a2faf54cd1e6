"""Hidden suite: maximum likelihood and multi-class cross entropy (seed sections 6-7).

The random models have three to six classes and several records, so that every known mistake
(a mean, log base 10 or 2, the binary formula, the log of every probability, a product of Y * P
with its zeros, the first or last record only) gives a different number from the right one.
"""

import math

import numpy as np
import pytest

from grader import i18n
from grader.core.compare import assert_scalar_close, case, fail, numbers
from grader.feedback import LearnerProblem, Raised
from grader.i18n import N_

SEED_Y = [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0]]
# The probabilities each model gives the actual classes are the course's: [0.6, 0.2, 0.1, 0.7]
# for model A and [0.7, 0.9, 0.8, 0.6] for model B.
MODEL_A = [[0.6, 0.3, 0.1], [0.5, 0.2, 0.3], [0.3, 0.6, 0.1], [0.7, 0.2, 0.1]]
MODEL_B = [[0.7, 0.2, 0.1], [0.05, 0.9, 0.05], [0.1, 0.1, 0.8], [0.6, 0.3, 0.1]]
LIKELIHOOD_A, LIKELIHOOD_B = 0.6 * 0.2 * 0.1 * 0.7, 0.7 * 0.9 * 0.8 * 0.6
CROSS_ENTROPY_A = -(math.log(0.6) + math.log(0.2) + math.log(0.1) + math.log(0.7))  # 4.7795
CROSS_ENTROPY_B = -(math.log(0.7) + math.log(0.9) + math.log(0.8) + math.log(0.6))  # 1.1960
UNDERFLOW_RECORDS = 2000

UNDERFLOW = N_("the product of the records' probabilities underflows to 0.0, and ln(0) is -inf "
             "(math.log(0) fails): add up the logs instead, -sum(Y * np.log(P)), as "
             "log(ab) = log(a) + log(b) allows; never take the log of the likelihood.")
LOG_OF_ZERO = N_("ln(0) is -inf: take the log of the probabilities P only, -sum(Y * np.log(P)). "
               "np.log(Y), or np.log(Y * P), meets ln(0) at every class a record does not "
               "have. (Are Y and P swapped?)")


def _arrays(Y, P):
    return np.asarray(Y, dtype=float), np.asarray(P, dtype=float)


def right_likelihood(Y, P):
    Y, P = _arrays(Y, P)
    return float(np.prod(np.sum(Y * P, axis=1)))


def right_cross_entropy(Y, P):
    Y, P = _arrays(Y, P)
    return float(-np.sum(Y * np.log(P)))


def _matcher(known):
    def cause(actual):
        for value, message in known():
            value = np.asarray(value, dtype=float)
            if value.shape == actual.shape and np.allclose(actual, value, rtol=1e-6, atol=0):
                return i18n.gettext(message)
        return None
    return cause


def likelihood_diagnose(Y, P):
    Y, P = _arrays(Y, P)
    chosen = np.sum(Y * P, axis=1)

    def known():
        return (
            (np.prod(Y * P), N_("np.prod(Y * P) multiplies the zeros of Y too, so it is 0: "
                                "first take each record's probability, np.sum(Y * P, axis=1), "
                                "then multiply those.")),
            (np.sum(chosen), N_("you added the records' probabilities; the likelihood "
                                "multiplies them (np.prod).")),
            (np.mean(chosen), N_("you took the mean of the records' probabilities; the "
                                 "likelihood is their product (np.prod).")),
            (np.prod(P), N_("you multiplied every probability in P; only each record's actual "
                            "class counts: Y * P keeps those and zeroes the rest.")),
            (np.prod(np.sum(Y * P, axis=0)), N_("you summed down the columns (axis=0); each "
                                                "record is a row, so sum over axis=1, then "
                                                "multiply.")),
            (np.prod(Y * P + (1 - Y) * (1 - P)),
             N_("that is the binary form, with (1 - Y) * (1 - P) for every other class; with "
                "one-hot rows only each record's actual class counts: "
                "np.prod(np.sum(Y * P, axis=1)).")),
            (-np.sum(np.log(chosen)), N_("that is the cross entropy, -ln(likelihood); the "
                                         "likelihood is the product itself.")),
            (np.sum(np.log(chosen)), N_("that is ln(likelihood), the sum of the logs; the "
                                        "likelihood is the product itself.")),
            (chosen[0], N_("only the first record counts: is your `return` inside the loop?")),
            (chosen[-1], N_("only the last record counts: multiply the running product "
                            "(result *= ...) instead of replacing it (result = ...).")),
        )

    return _matcher(known)


def cross_entropy_diagnose(Y, P, underflows=False):
    Y, P = _arrays(Y, P)
    right = -np.sum(Y * np.log(P))
    records, classes = Y.shape

    def known():
        logs = Y * np.log(P)
        return (
            (-np.sum(logs + (1 - Y) * np.log(1 - P)),
             N_("that is the binary cross entropy, with a (1 - Y) * ln(1 - P) term for every "
                "other class; the multi-class form keeps only -sum(Y * ln(P)).")),
            (right / records, N_("you took the mean over the records; the cross entropy is the "
                                 "sum (np.sum, not np.mean).")),
            (right / (records * classes), N_("np.mean averages over all m x n entries of "
                                             "Y * ln(P); the cross entropy is their sum.")),
            (-right, N_("the minus sign is missing: the cross entropy is -sum(Y * ln(P)), a "
                        "positive number.")),
            (right / np.log(10), N_("log base 10? Use the natural log, np.log, not np.log10.")),
            (right / np.log(2), N_("log base 2? Use the natural log, np.log, not np.log2.")),
            (-np.sum(np.log(P)), N_("you added the log of every probability in P; only each "
                                    "record's actual class counts: multiply by Y, "
                                    "-sum(Y * np.log(P)).")),
            (-np.sum(logs[0]), N_("only the first record counts: is your `return` inside the "
                                  "loop?")),
            (-np.sum(logs[-1]), N_("only the last record counts: add each record's term to the "
                                   "total (total += ...) instead of replacing it "
                                   "(total = ...).")),
            (-np.log(np.sum(np.sum(Y * P, axis=1))),
             N_("the log of the sum of the probabilities: take the log of each, then add them "
                "up.")),
        )

    matcher = _matcher(known)

    def cause(actual):
        if not np.isfinite(actual).all():
            return i18n.gettext(UNDERFLOW if underflows else LOG_OF_ZERO)
        return matcher(actual)

    return cause


def call(function, Y, P, underflows=False):
    """The learner's function on (Y, P); math.log(0) gets the cause that explains it."""
    try:
        return function(Y, P)
    except Raised as error:
        if error.type_name == "ValueError" and "math domain error" in error.message:
            fail(error.message, cause=i18n.gettext(UNDERFLOW if underflows else LOG_OF_ZERO))
        raise


def judge_likelihood(actual, Y, P, shown):
    assert_scalar_close(actual, right_likelihood(Y, P), what=shown, atol=0,
                        diagnose=likelihood_diagnose(Y, P))


def judge_cross_entropy(actual, Y, P, shown, underflows=False):
    assert_scalar_close(actual, right_cross_entropy(Y, P), what=shown,
                        diagnose=cross_entropy_diagnose(Y, P, underflows))


def check_likelihood(submission, Y, P, shown):
    with case(shown):
        judge_likelihood(call(submission.likelihood, Y, P), Y, P, shown)


def check_cross_entropy(submission, Y, P, shown, underflows=False):
    with case(shown):
        judge_cross_entropy(call(submission.multiclass_cross_entropy, Y, P, underflows), Y, P,
                            shown, underflows)


def check_seed_models(function, right, judge, chart, title, y_label, shown):
    """Both of the course's models, A then B, with the learner's values beside the right ones
    as bars (the lower cross entropy, the higher likelihood: B is the better model): called
    first for both, so that the chart shows both even when A is wrong."""
    models = (("A", MODEL_A), ("B", MODEL_B))
    values = []
    for name, P in models:
        with case(shown.format(name=name, Y=SEED_Y, P=P)):
            values.append(call(function, SEED_Y, P))
    drawn = []
    for x, value in enumerate(values):
        try:
            number = numbers(value, "")
        except (AssertionError, LearnerProblem):
            continue
        if number.size == 1:
            drawn.append((x, float(number.ravel()[0])))
    chart("bars", title, i18n.gettext("model (0: A, 1: B)"), y_label,
          [("", "learner", drawn),
           ("", "reference", [(x, right(SEED_Y, P)) for x, (_, P) in enumerate(models)])])
    for (name, P), value in zip(models, values, strict=True):
        shown_here = shown.format(name=name, Y=SEED_Y, P=P)
        with case(shown_here):
            judge(value, SEED_Y, P, shown_here)


def random_model(rng, records, classes, low=0.01):
    """One-hot labels, every class among them, and probability rows strictly between 0 and 1,
    summing to 1. (With a class missing, or none repeated, summing Y * P down the columns
    would give the right likelihood or the same 0 as np.prod(Y * P).)"""
    labels = rng.permutation(np.concatenate([np.arange(classes),
                                             rng.integers(0, classes, records - classes)]))
    Y = np.eye(classes, dtype=int)[labels]
    P = rng.dirichlet(np.ones(classes), records)
    P = np.clip(P, low, 1.0)
    return Y, P / P.sum(axis=1, keepdims=True)


def shown_model(Y, P, as_lists):
    if as_lists:
        return i18n.gettext("a random model: {records} records, {classes} classes, as "
                            "lists").format(records=len(Y), classes=len(Y[0]))
    return i18n.gettext("a random model: {records} records, {classes} classes, as "
                        "arrays").format(records=len(Y), classes=len(Y[0]))


def random_models(rng):
    """A list model and an array model, each with 3-6 classes."""
    for as_lists in (True, False):
        classes = int(rng.integers(3, 7))
        Y, P = random_model(rng, classes + int(rng.integers(1, 7)), classes)
        if as_lists:
            Y, P = Y.tolist(), P.tolist()
        yield Y, P, shown_model(Y, P, as_lists)


# --- likelihood ----------------------------------------------------------------------------------

@pytest.mark.points(1)
@pytest.mark.hint(1)
@pytest.mark.twin("test_likelihood_random")
def test_likelihood_seed_models(submission, chart):
    """likelihood of the course's models A and B"""
    check_seed_models(submission.likelihood, right_likelihood, judge_likelihood, chart,
                      i18n.gettext("Likelihood of the course's models A and B"),
                      i18n.gettext("likelihood"),
                      i18n.gettext("likelihood(Y, P) for model {name}: Y = {Y}, P = {P}"))


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(1)
def test_likelihood_random(submission, rng):
    """likelihood of random models"""
    for Y, P, shown in random_models(rng):
        check_likelihood(submission, Y, P,
                         i18n.gettext("likelihood of {model}").format(model=shown))


# --- cross entropy -------------------------------------------------------------------------------

@pytest.mark.points(2)
@pytest.mark.hint(2)
@pytest.mark.twin("test_cross_entropy_random")
def test_cross_entropy_seed_models(submission, chart):
    """cross entropy of the course's models: A is about 4.78, B about 1.19"""
    check_seed_models(submission.multiclass_cross_entropy, right_cross_entropy,
                      judge_cross_entropy, chart,
                      i18n.gettext("Cross entropy of the course's models A and B"),
                      i18n.gettext("cross entropy"),
                      i18n.gettext("multiclass_cross_entropy(Y, P) for model {name}: Y = {Y}, "
                                   "P = {P}"))


@pytest.mark.points(2)
@pytest.mark.hidden
@pytest.mark.hint(2)
def test_cross_entropy_random(submission, rng):
    """cross entropy of random models"""
    for Y, P, shown in random_models(rng):
        check_cross_entropy(submission, Y, P, i18n.gettext(
            "multiclass_cross_entropy of {model}").format(model=shown))


def one_number(value, what):
    array = numbers(value, what)
    if array.size != 1:
        fail(i18n.gettext("{what} should be one number, not {n} of them.").format(
            what=what, n=array.size))
    return float(array.ravel()[0])


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(3)
def test_cross_entropy_is_minus_log_likelihood(submission, rng):
    """cross entropy is -ln(likelihood)"""
    models = [random_model(rng, 6, 4) for _ in range(2)]
    found = []
    for Y, P in models:
        with case(i18n.gettext("two random models of 6 records and 4 classes")):
            total = one_number(call(submission.multiclass_cross_entropy, Y, P),
                               "multiclass_cross_entropy")
            product = one_number(call(submission.likelihood, Y, P), "likelihood")
        if not product > 0 or not np.isclose(total, -np.log(product), rtol=1e-6, atol=1e-9):
            fail(i18n.gettext(
                "Your multiclass_cross_entropy(Y, P) is not -ln(likelihood(Y, P)) for the same "
                "Y and P: the cross entropy is the sum of the logs of the probabilities the "
                "likelihood multiplies, with a minus sign."))
        found.append((total, product))
    (total_1, product_1), (total_2, product_2) = found
    if (total_1 < total_2) != (product_1 > product_2):
        fail(i18n.gettext("Of two models, the one with the lower cross entropy must have the "
                          "higher likelihood; yours disagree."))


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(2)
def test_two_classes_is_binary_cross_entropy(submission, rng):
    """with two classes it is the binary cross entropy"""
    y = rng.integers(0, 2, 8)
    y[:2] = (0, 1)
    p = rng.uniform(0.05, 0.95, 8)
    Y = np.stack([1 - y, y], axis=1)
    P = np.stack([1 - p, p], axis=1)
    binary = -np.sum(y * np.log(p) + (1 - y) * np.log(1 - p))
    shown = i18n.gettext("multiclass_cross_entropy of 8 random records and 2 classes")
    with case(shown):
        actual = call(submission.multiclass_cross_entropy, Y.tolist(), P.tolist())
        assert_scalar_close(actual, binary, what=shown, diagnose=cross_entropy_diagnose(Y, P))


# --- underflow -----------------------------------------------------------------------------------

def check_underflow(submission, Y, P, shown):
    """A few records first, so that a formula wrong everywhere is told as such; then all."""
    check_cross_entropy(submission, Y[:5], P[:5],
                        i18n.gettext("the first 5 records of {shown}").format(shown=shown))
    check_cross_entropy(submission, Y, P, shown, underflows=True)


@pytest.mark.points(1)
@pytest.mark.hint(3)
@pytest.mark.twin("test_underflow_random")
def test_underflow(submission):
    """2,000 records at probability 0.5 (0.5 ** 2000 == 0.0)"""
    labels = np.arange(UNDERFLOW_RECORDS) % 2
    Y = np.eye(2, dtype=int)[labels].tolist()
    P = [[0.5, 0.5]] * UNDERFLOW_RECORDS
    check_underflow(submission, Y, P, i18n.gettext(
        "multiclass_cross_entropy(Y, P) for {records} records, each giving its actual class "
        "probability 0.5 (0.5 ** 2000 == 0.0)").format(records=UNDERFLOW_RECORDS))


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(3)
def test_underflow_random(submission, rng):
    """thousands of random records, whose likelihood underflows to 0"""
    # Each record's probability is at most 0.6, and 0.6 ** 1500 (1e-333) is below the smallest
    # float (5e-324): the likelihood of these records is exactly 0.0.
    records = int(rng.integers(1500, 2500))
    labels = rng.integers(0, 3, records)
    chosen = rng.uniform(0.2, 0.6, records)
    others = rng.dirichlet((1.0, 1.0), records) * (1 - chosen)[:, None]
    P = np.empty((records, 3))
    for row, label in enumerate(labels):
        P[row, label] = chosen[row]
        P[row, [c for c in range(3) if c != label]] = others[row]
    Y = np.eye(3, dtype=int)[labels]
    check_underflow(submission, Y, P, i18n.gettext(
        "multiclass_cross_entropy of {records} random records").format(records=records))
