"""Hidden suite: tanh, relu, their derivatives and the vanishing gradient (seed section 15.4).

Each function is checked element by element on lists and arrays that hold negative values,
zeros and positive values, so that every known mistake (a leaky or absolute relu, x >= 0 in
relu_prime, 1 - x**2 in tanh_prime, ...) gives a wrong number somewhere; then on single numbers
and 2-D inputs. tanh must stay finite where e^x overflows (|x| > 709.78).
"""

from contextlib import contextmanager

import numpy as np
import pytest

from grader import i18n
from grader.core.compare import assert_close, assert_scalar_close, case, fail, numbers
from grader.feedback import LearnerProblem, Raised
from grader.i18n import N_

OVERFLOW = 709.79  # np.exp(x) is inf from here on
SEED_X = [-2.0, -0.5, 0.0, 0.5, 2.0]
GRID = np.arange(-600, 601) / 100  # -6 to 6 in steps of 0.01, with 0 exactly
FUNCTIONS = ("tanh", "tanh_prime", "relu", "relu_prime", "sigmoid_prime")


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


RIGHT = {
    "tanh": np.tanh,
    "tanh_prime": lambda x: 1 - np.tanh(x) ** 2,
    "relu": lambda x: np.maximum(0.0, x),
    "relu_prime": lambda x: (x > 0).astype(float),
    "sigmoid_prime": lambda x: _sigmoid(x) * (1 - _sigmoid(x)),
}


def _known(name, x):
    """Wrong answers a learner of this section writes, with what each one gets wrong."""
    s = _sigmoid(x)
    t = np.tanh(x)
    if name == "tanh":
        return (
            (s, N_("that is the sigmoid, which ranges from 0 to 1; tanh ranges from -1 to 1: "
                   "np.tanh(x).")),
            (2 * s - 1, N_("2 * sigmoid(x) - 1 is tanh(x / 2); tanh(x) = 2 * sigmoid(2 * x) - 1, "
                           "or np.tanh(x).")),
            (np.tan(x), N_("np.tan is the tangent of an angle; tanh is the hyperbolic tangent, "
                           "np.tanh.")),
            (np.sinh(x), N_("that is sinh(x) = (e^x - e^-x) / 2; tanh(x) = sinh(x) / cosh(x).")),
            (1 / t, N_("upside down: tanh(x) = (e^x - e^-x) / (e^x + e^-x).")),
        )
    if name == "tanh_prime":
        return (
            (1 - t, N_("tanh(x) must be squared: 1 - np.tanh(x)**2.")),
            (1 - x ** 2, N_("1 - x**2 uses x itself; it is the derivative written with tanh's "
                            "output. tanh_prime(x) = 1 - np.tanh(x)**2.")),
            ((1 - t) ** 2, N_("only tanh(x) is squared: 1 - np.tanh(x)**2, not (1 - tanh(x))**2.")),
            (1 + t ** 2, N_("the sign is flipped: 1 - np.tanh(x)**2.")),
            (t ** 2, N_("the 1 - is missing: 1 - np.tanh(x)**2.")),
            (t * (1 - t), N_("that is the sigmoid's pattern, s * (1 - s); for tanh the derivative "
                             "is 1 - tanh(x)**2.")),
            (1 / np.cosh(x),
             N_("1 / cosh(x) must be squared: 1 / np.cosh(x)**2 = 1 - tanh(x)**2.")),
            (t, N_("that is tanh itself; its derivative is 1 - tanh(x)**2.")),
        )
    if name == "relu":
        return (
            (np.abs(x), N_("abs(x) turns negative values positive; relu turns them into 0.")),
            ((x > 0).astype(float), N_("that is relu_prime (1 where x > 0); relu returns x itself "
                                       "where x > 0 and 0 elsewhere.")),
            (np.where(x > 0, x, 0.01 * x), N_("that is a leaky relu (0.01 * x below 0); relu gives "
                                              "exactly 0 there.")),
            (np.minimum(0.0, x), N_("np.minimum keeps the negative values; relu is "
                                    "np.maximum(0, x).")),
            (x, N_("the negative values must become 0: np.maximum(0, x).")),
        )
    if name == "relu_prime":
        return (
            ((x >= 0).astype(float), N_("relu_prime(0) must be 0: use x > 0, not x >= 0.")),
            (np.maximum(0.0, x), N_("that is relu itself; its derivative is 1 where x > 0 and 0 "
                                    "elsewhere.")),
            (np.sign(x), N_("np.sign gives -1 for negative values; relu_prime gives 0 there.")),
            (np.heaviside(x, 0.5), N_("np.heaviside(x, 0.5) gives 0.5 at 0; relu_prime(0) is 0: "
                                      "np.heaviside(x, 0).")),
            (np.where(x > 0, 1.0, 0.01), N_("that is a leaky relu's derivative; relu_prime is "
                                            "exactly 0 for x <= 0.")),
        )
    return (
        (s, N_("that is the sigmoid itself; its derivative is sigmoid(x) * (1 - sigmoid(x)).")),
        (x * (1 - x), N_("x * (1 - x) uses x itself; that form needs the sigmoid's output: "
                         "sigmoid(x) * (1 - sigmoid(x)).")),
        (s * (1 + s), N_("the sign inside is flipped: sigmoid(x) * (1 - sigmoid(x)).")),
        (1 - s, N_("the first factor is missing: sigmoid(x) * (1 - sigmoid(x)).")),
        (_sigmoid(s) * (1 - _sigmoid(s)), N_("the sigmoid is applied twice: "
                                             "sigmoid(x) * (1 - sigmoid(x)) with x itself.")),
        (np.full_like(x, 0.25), N_("0.25 is the derivative's largest value, at x = 0 only: "
                                   "sigmoid(x) * (1 - sigmoid(x)).")),
    )


def diagnose(name, x):
    def cause(actual):
        if x.ndim == 0 and actual.size == 1 and actual.ndim > 0:
            return i18n.gettext("for one number, return one number, not an array of shape "
                                "{shape}: np.asarray(x) keeps a number 0-dimensional.").format(
                shape=actual.shape)
        if actual.shape != x.shape:
            return None
        broken = ~np.isfinite(actual)
        if name == "tanh" and broken.any() and (np.abs(x[broken]) > OVERFLOW).all():
            return i18n.gettext(
                "e^x overflows to inf for x above 709.78 (and e^-x for x below -709.78), and "
                "inf / inf is nan. Use np.tanh(x), or a form that stays finite, such as "
                "2 / (1 + np.exp(-2 * x)) - 1.")
        for values, message in _known(name, x):
            if np.allclose(actual, values, rtol=1e-6, atol=1e-8, equal_nan=False):
                return i18n.gettext(message)
        return None

    return cause


def _raising_line(error):
    frames = error.info.get("frames") or []
    return str(frames[-1][2]) if frames and len(frames[-1]) == 3 else ""


def _raised_cause(error):
    """Why an element-wise function raised, for the ways learners of this section write them."""
    message = str(error.info.get("message", ""))
    line = _raising_line(error)
    if error.type_name == "TypeError" and ("np.max(" in line or "np.amax(" in line):
        return i18n.gettext("np.max(0, x) looks for the largest element of 0 (its second "
                            "argument is an axis): use np.maximum(0, x), which compares element "
                            "by element.")
    if error.type_name == "ValueError" and "truth value of an array" in message:
        return i18n.gettext("`if x > 0:` or max(0, x) asks one question about a whole array: "
                            "use np.maximum(0, x) or np.where(x > 0, ..., ...), which work "
                            "element by element.")
    if error.type_name == "TypeError" and "'list'" in message and (
            "not supported between" in message or "unary" in message):
        return i18n.gettext("a Python list cannot be compared with a number or negated: "
                            "convert it first, x = np.asarray(x, dtype=float).")
    if error.type_name == "TypeError" and "math.tanh" in line:
        return i18n.gettext("math.tanh takes one number at a time: np.tanh works on numbers, "
                            "lists and arrays alike.")
    if error.type_name == "TypeError" and ("not iterable" in message
                                           or "not subscriptable" in message):
        return i18n.gettext("x can also be a single number, which a loop or an index cannot "
                            "go through: use NumPy functions such as np.tanh, np.maximum and "
                            "np.where, which take numbers and arrays alike.")
    return None


def element_wise_call(function, x):
    try:
        return function(x)
    except Raised as error:
        cause = _raised_cause(error)
        if cause:
            fail(error.message, cause=cause)
        raise


def check(submission, name, x, shown):
    values = np.asarray(x, dtype=float)
    with case(shown):
        actual = element_wise_call(getattr(submission, name), x)
        with np.errstate(all="ignore"):
            assert_close(actual, RIGHT[name](values), what=shown, diagnose=diagnose(name, values))


def _shown(name, x):
    if isinstance(x, np.ndarray):
        return f"{name}(np.array({x.tolist()!r}))"
    return f"{name}({x!r})"


def random_values(rng, size):
    """Negative values, positive values and an exact 0, in a random order."""
    values = np.concatenate([-rng.uniform(0.1, 4.0, size), rng.uniform(0.1, 4.0, size), [0.0]])
    return np.round(rng.permutation(values), 3)


def check_random(submission, name, rng):
    for as_list in (True, False):
        x = random_values(rng, int(rng.integers(3, 7)))
        if as_list:
            shown = i18n.gettext("{name} of a random list of {n} values")
        else:
            shown = i18n.gettext("{name} of a random array of {n} values")
        check(submission, name, x.tolist() if as_list else x, shown.format(name=name, n=len(x)))


# The x range the report draws a function over: -4 to 4 in steps of 0.05, with 0 exactly.
CHART_X = np.arange(-80, 81) / 20
CHART_SECONDS = 1.0  # the call for the picture gets this much of the test's time


def draw_if_different(chart, submission, name, always=False):
    """The learner's function over the course's, from -4 to 4, when they differ there (or
    `always`, for tanh, the section's own function, which a right answer shows too): a wrong
    shape (a sigmoid for tanh, a leaky relu) shows at a glance. Drawn from one more call of the
    learner's function, after the test has judged it; a call that fails draws nothing."""
    try:
        with chart.runs(CHART_SECONDS):
            values = numbers(element_wise_call(getattr(submission, name), CHART_X.copy()),
                             name)
    except (LearnerProblem, AssertionError):
        return
    right = RIGHT[name](CHART_X)
    with np.errstate(all="ignore"):
        if values.shape != CHART_X.shape or (
                not always and np.allclose(values, right, rtol=1e-6, atol=1e-8)):
            return
    chart("curve", i18n.gettext("Your {name} beside the course's, from -4 to 4").format(
        name=name), "x", f"{name}(x)",
          [("", "learner", np.column_stack([CHART_X, values])),
           ("", "reference", np.column_stack([CHART_X, right]))])


@contextmanager
def drawn(chart, submission, name, always=False):
    """Judge, then draw the function when it differs from the course's; never after the
    learner's code raised, crashed or timed out."""
    try:
        yield
    except LearnerProblem:
        raise
    except BaseException:
        draw_if_different(chart, submission, name, always)
        raise
    draw_if_different(chart, submission, name, always)


# --- tanh ----------------------------------------------------------------------------------------

@pytest.mark.points(1)
@pytest.mark.hint(1)
@pytest.mark.twin("test_tanh_random")
def test_tanh(submission, chart):
    """tanh of a list and of an array"""
    with drawn(chart, submission, "tanh", always=True):
        check(submission, "tanh", SEED_X, _shown("tanh", SEED_X))
        x = np.array([-3.0, -1.0, 0.25, 1.0, 3.0])
        check(submission, "tanh", x, _shown("tanh", x))


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(1)
def test_tanh_random(submission, rng):
    """tanh of random values"""
    check_random(submission, "tanh", rng)


@pytest.mark.points(1)
@pytest.mark.hint(2)
@pytest.mark.twin("test_tanh_large_random")
def test_tanh_large(submission):
    """tanh(1000.0) is 1.0 and tanh(-1000.0) is -1.0, not nan"""
    for x in (1000.0, -1000.0, np.array([-1000.0, -20.0, 0.0, 20.0, 1000.0])):
        check(submission, "tanh", x, _shown("tanh", x))


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(2)
def test_tanh_large_random(submission, rng):
    """tanh of random values beyond where e^x overflows"""
    signs = rng.permutation([-1.0, -1.0, 1.0, 1.0])
    x = np.round(signs * rng.uniform(OVERFLOW + 1, 1e4, 4), 2)
    check(submission, "tanh", float(x[0]), i18n.gettext("tanh of a random large number"))
    check(submission, "tanh", np.concatenate([x, random_values(rng, 2)]),
          i18n.gettext("tanh of a random array with large values"))


# --- tanh_prime ----------------------------------------------------------------------------------

@pytest.mark.points(1)
@pytest.mark.hint(2)
@pytest.mark.twin("test_tanh_prime_random")
def test_tanh_prime(submission, chart):
    """tanh_prime(x) = 1 - tanh(x)**2, 1 at x = 0"""
    with drawn(chart, submission, "tanh_prime"):
        check(submission, "tanh_prime", SEED_X, _shown("tanh_prime", SEED_X))


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(2)
def test_tanh_prime_random(submission, rng):
    """tanh_prime of random values"""
    check_random(submission, "tanh_prime", rng)


# --- relu ----------------------------------------------------------------------------------------

@pytest.mark.points(1)
@pytest.mark.hint(3)
@pytest.mark.twin("test_relu_random")
def test_relu(submission, chart):
    """relu keeps positive values and turns the rest into 0"""
    with drawn(chart, submission, "relu"):
        check(submission, "relu", SEED_X, _shown("relu", SEED_X))
        x = np.array([3.0, -1.5, 0.0, -0.25, 7.0])
        check(submission, "relu", x, _shown("relu", x))


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(3)
def test_relu_random(submission, rng):
    """relu of random values"""
    check_random(submission, "relu", rng)


@pytest.mark.points(1)
@pytest.mark.hint(3)
@pytest.mark.twin("test_relu_prime_random")
def test_relu_prime(submission, chart):
    """relu_prime is 1 where x > 0 and 0 elsewhere, 0 at x = 0 included"""
    with drawn(chart, submission, "relu_prime"):
        check(submission, "relu_prime", SEED_X, _shown("relu_prime", SEED_X))
        x = np.array([0.0, 4.0, -4.0])
        check(submission, "relu_prime", x, _shown("relu_prime", x))


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(3)
def test_relu_prime_random(submission, rng):
    """relu_prime of random values"""
    check_random(submission, "relu_prime", rng)


# --- sigmoid_prime and the vanishing gradient ---------------------------------------------------

@pytest.mark.points(1)
@pytest.mark.hint(4)
@pytest.mark.twin("test_sigmoid_prime_random")
def test_sigmoid_prime(submission, chart):
    """sigmoid_prime(x) = sigmoid(x) * (1 - sigmoid(x)), 0.25 at x = 0"""
    with drawn(chart, submission, "sigmoid_prime"):
        check(submission, "sigmoid_prime", SEED_X, _shown("sigmoid_prime", SEED_X))


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(4)
def test_sigmoid_prime_random(submission, rng):
    """sigmoid_prime of random values"""
    check_random(submission, "sigmoid_prime", rng)


def _learner_peak(submission):
    """The largest value of the learner's own sigmoid_prime, or None if it cannot be had."""
    try:
        values = numbers(submission.sigmoid_prime(GRID), "sigmoid_prime")
    except (LearnerProblem, AssertionError):
        return None
    return float(np.max(values)) if values.shape == GRID.shape else None


def vanishing_diagnose(submission, n):
    known = (
        (0.25 * n, N_("each layer multiplies the gradient by at most 0.25, so n layers give "
                      "0.25 ** n, not 0.25 * n.")),
        (0.5 ** n, N_("0.5 is sigmoid(0), the output; the largest value of the derivative is "
                      "sigmoid_prime(0) = 0.25.")),
        (0.25 ** (n - 1), N_("one factor of 0.25 too few: n layers give 0.25 ** n.")),
        (0.25 ** (n + 1), N_("one factor of 0.25 too many: n layers give 0.25 ** n.")),
        (4.0 ** n, N_("that is 1 / 0.25 ** n: the gradient shrinks, so the factor is "
                      "0.25 ** n, below 1.")),
        (n ** 0.25, N_("base and exponent are swapped: 0.25 ** n.")),
        (1 - 0.25 ** n, N_("that is the part lost; the part kept is 0.25 ** n.")),
    )

    def cause(actual):
        for value, message in known:
            if np.isclose(actual, value, rtol=1e-9, atol=0):
                return i18n.gettext(message)
        peak = _learner_peak(submission)
        if peak is not None and not np.isclose(peak, 0.25) \
                and np.isclose(actual, peak ** n, rtol=1e-6, atol=0):
            return i18n.gettext(
                "your vanishing(n) follows your sigmoid_prime, whose largest value is "
                "{peak:.6g}; it should be 0.25, at x = 0. Fix sigmoid_prime first.").format(
                peak=peak)
        return None

    return cause


def check_vanishing(submission, n):
    shown = f"vanishing({n})"
    with case(shown):
        actual = submission.vanishing(n)
        values = numbers(actual, shown)
        if values.ndim > 0 and values.size > 1:
            fail(i18n.gettext(
                "{shown} returned {size} numbers; it should return one: the factor by which "
                "{n} sigmoid layers can at most scale a gradient.").format(
                shown=shown, size=values.size, n=n),
                 cause=i18n.gettext("multiply the layers' factors together: 0.25 ** n.")
                 if np.allclose(values, 0.25) else None)
        assert_scalar_close(actual, 0.25 ** n, what=shown, rtol=1e-9, atol=0,
                            diagnose=vanishing_diagnose(submission, n))


@pytest.mark.points(1)
@pytest.mark.hint(4)
@pytest.mark.twin("test_vanishing_random")
def test_vanishing(submission):
    """vanishing(n): one, two, three and ten sigmoid layers"""
    for n in (1, 2, 3, 10):
        check_vanishing(submission, n)


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(4)
def test_vanishing_random(submission, rng):
    """vanishing(n) for random numbers of layers"""
    for n in rng.choice(np.arange(4, 41), size=3, replace=False):
        check_vanishing(submission, int(n))


# --- every function on numbers and on 2-D inputs -------------------------------------------------

@pytest.mark.points(2)
@pytest.mark.hidden
@pytest.mark.hint(1)
def test_numbers_and_matrices(submission, rng):
    """each function takes a single number and 2-D lists and arrays"""
    for name in FUNCTIONS:
        number = float(np.round(rng.uniform(0.1, 3.0) * rng.choice([-1, 1]), 3))
        check(submission, name, number,
              i18n.gettext("{name} of a random number").format(name=name))
        check(submission, name, 0, f"{name}(0)")
        matrix = random_values(rng, 4).reshape(3, 3)
        check(submission, name, matrix.tolist(),
              i18n.gettext("{name} of a random 3 x 3 list of lists").format(name=name))
        check(submission, name, matrix,
              i18n.gettext("{name} of a random 3 x 3 array").format(name=name))
