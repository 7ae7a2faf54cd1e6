"""Hidden suite: tanh, relu, their derivatives and the vanishing gradient (seed section 15.4).

Each function is checked element by element on lists and arrays that hold negative values,
zeros and positive values, so that every known mistake (a leaky or absolute relu, x >= 0 in
relu_prime, 1 - x**2 in tanh_prime, ...) gives a wrong number somewhere; then on single numbers
and 2-D inputs. tanh must stay finite where e^x overflows (|x| > 709.78).
"""

import numpy as np
import pytest

from grader.core.compare import assert_close, assert_scalar_close, case, fail, numbers
from grader.feedback import LearnerProblem, Raised

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
            (s, "that is the sigmoid, which ranges from 0 to 1; tanh ranges from -1 to 1: "
                "np.tanh(x)."),
            (2 * s - 1, "2 * sigmoid(x) - 1 is tanh(x / 2); tanh(x) = 2 * sigmoid(2 * x) - 1, "
                        "or np.tanh(x)."),
            (np.tan(x), "np.tan is the tangent of an angle; tanh is the hyperbolic tangent, "
                        "np.tanh."),
            (np.sinh(x), "that is sinh(x) = (e^x - e^-x) / 2; tanh(x) = sinh(x) / cosh(x)."),
            (1 / t, "upside down: tanh(x) = (e^x - e^-x) / (e^x + e^-x)."),
        )
    if name == "tanh_prime":
        return (
            (1 - t, "tanh(x) must be squared: 1 - np.tanh(x)**2."),
            (1 - x ** 2, "1 - x**2 uses x itself; it is the derivative written with tanh's "
                         "output. tanh_prime(x) = 1 - np.tanh(x)**2."),
            ((1 - t) ** 2, "only tanh(x) is squared: 1 - np.tanh(x)**2, not (1 - tanh(x))**2."),
            (1 + t ** 2, "the sign is flipped: 1 - np.tanh(x)**2."),
            (t ** 2, "the 1 - is missing: 1 - np.tanh(x)**2."),
            (t * (1 - t), "that is the sigmoid's pattern, s * (1 - s); for tanh the derivative "
                          "is 1 - tanh(x)**2."),
            (1 / np.cosh(x), "1 / cosh(x) must be squared: 1 / np.cosh(x)**2 = 1 - tanh(x)**2."),
            (t, "that is tanh itself; its derivative is 1 - tanh(x)**2."),
        )
    if name == "relu":
        return (
            (np.abs(x), "abs(x) turns negative values positive; relu turns them into 0."),
            ((x > 0).astype(float), "that is relu_prime (1 where x > 0); relu returns x itself "
                                    "where x > 0 and 0 elsewhere."),
            (np.where(x > 0, x, 0.01 * x), "that is a leaky relu (0.01 * x below 0); relu gives "
                                           "exactly 0 there."),
            (np.minimum(0.0, x), "np.minimum keeps the negative values; relu is "
                                 "np.maximum(0, x)."),
            (x, "the negative values must become 0: np.maximum(0, x)."),
        )
    if name == "relu_prime":
        return (
            ((x >= 0).astype(float), "relu_prime(0) must be 0: use x > 0, not x >= 0."),
            (np.maximum(0.0, x), "that is relu itself; its derivative is 1 where x > 0 and 0 "
                                 "elsewhere."),
            (np.sign(x), "np.sign gives -1 for negative values; relu_prime gives 0 there."),
            (np.heaviside(x, 0.5), "np.heaviside(x, 0.5) gives 0.5 at 0; relu_prime(0) is 0: "
                                   "np.heaviside(x, 0)."),
            (np.where(x > 0, 1.0, 0.01), "that is a leaky relu's derivative; relu_prime is "
                                         "exactly 0 for x <= 0."),
        )
    return (
        (s, "that is the sigmoid itself; its derivative is sigmoid(x) * (1 - sigmoid(x))."),
        (x * (1 - x), "x * (1 - x) uses x itself; that form needs the sigmoid's output: "
                      "sigmoid(x) * (1 - sigmoid(x))."),
        (s * (1 + s), "the sign inside is flipped: sigmoid(x) * (1 - sigmoid(x))."),
        (1 - s, "the first factor is missing: sigmoid(x) * (1 - sigmoid(x))."),
        (_sigmoid(s) * (1 - _sigmoid(s)), "the sigmoid is applied twice: "
                                          "sigmoid(x) * (1 - sigmoid(x)) with x itself."),
        (np.full_like(x, 0.25), "0.25 is the derivative's largest value, at x = 0 only: "
                                "sigmoid(x) * (1 - sigmoid(x))."),
    )


def diagnose(name, x):
    def cause(actual):
        if x.ndim == 0 and actual.size == 1 and actual.ndim > 0:
            return ("for one number, return one number, not an array of shape "
                    f"{actual.shape}: np.asarray(x) keeps a number 0-dimensional.")
        if actual.shape != x.shape:
            return None
        broken = ~np.isfinite(actual)
        if name == "tanh" and broken.any() and (np.abs(x[broken]) > OVERFLOW).all():
            return ("e^x overflows to inf for x above 709.78 (and e^-x for x below -709.78), "
                    "and inf / inf is nan. Use np.tanh(x), or a form that stays finite, such "
                    "as 2 / (1 + np.exp(-2 * x)) - 1.")
        for values, message in _known(name, x):
            if np.allclose(actual, values, rtol=1e-6, atol=1e-8, equal_nan=False):
                return message
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
        return ("np.max(0, x) looks for the largest element of 0 (its second argument is an "
                "axis): use np.maximum(0, x), which compares element by element.")
    if error.type_name == "ValueError" and "truth value of an array" in message:
        return ("`if x > 0:` or max(0, x) asks one question about a whole array: use "
                "np.maximum(0, x) or np.where(x > 0, ..., ...), which work element by element.")
    if error.type_name == "TypeError" and "'list'" in message and (
            "not supported between" in message or "unary" in message):
        return ("a Python list cannot be compared with a number or negated: convert it first, "
                "x = np.asarray(x, dtype=float).")
    if error.type_name == "TypeError" and "math.tanh" in line:
        return ("math.tanh takes one number at a time: np.tanh works on numbers, lists and "
                "arrays alike.")
    if error.type_name == "TypeError" and ("not iterable" in message
                                           or "not subscriptable" in message):
        return ("x can also be a single number, which a loop or an index cannot go through: "
                "use NumPy functions such as np.tanh, np.maximum and np.where, which take "
                "numbers and arrays alike.")
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
        x = x.tolist() if as_list else x
        form = "list" if as_list else "array"
        check(submission, name, x, f"{name} of a random {form} of {len(x)} values")


# --- tanh ----------------------------------------------------------------------------------------

@pytest.mark.points(1)
@pytest.mark.hint(1)
@pytest.mark.twin("test_tanh_random")
def test_tanh(submission):
    """tanh of a list and of an array"""
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
    check(submission, "tanh", float(x[0]), "tanh of a random large number")
    check(submission, "tanh", np.concatenate([x, random_values(rng, 2)]),
          "tanh of a random array with large values")


# --- tanh_prime ----------------------------------------------------------------------------------

@pytest.mark.points(1)
@pytest.mark.hint(2)
@pytest.mark.twin("test_tanh_prime_random")
def test_tanh_prime(submission):
    """tanh_prime(x) = 1 - tanh(x)**2, 1 at x = 0"""
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
def test_relu(submission):
    """relu keeps positive values and turns the rest into 0"""
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
def test_relu_prime(submission):
    """relu_prime is 1 where x > 0 and 0 elsewhere, 0 at x = 0 included"""
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
def test_sigmoid_prime(submission):
    """sigmoid_prime(x) = sigmoid(x) * (1 - sigmoid(x)), 0.25 at x = 0"""
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
        (0.25 * n, "each layer multiplies the gradient by at most 0.25, so n layers give "
                   "0.25 ** n, not 0.25 * n."),
        (0.5 ** n, "0.5 is sigmoid(0), the output; the largest value of the derivative is "
                   "sigmoid_prime(0) = 0.25."),
        (0.25 ** (n - 1), "one factor of 0.25 too few: n layers give 0.25 ** n."),
        (0.25 ** (n + 1), "one factor of 0.25 too many: n layers give 0.25 ** n."),
        (4.0 ** n, "that is 1 / 0.25 ** n: the gradient shrinks, so the factor is 0.25 ** n, "
                   "below 1."),
        (n ** 0.25, "base and exponent are swapped: 0.25 ** n."),
        (1 - 0.25 ** n, "that is the part lost; the part kept is 0.25 ** n."),
    )

    def cause(actual):
        for value, message in known:
            if np.isclose(actual, value, rtol=1e-9, atol=0):
                return message
        peak = _learner_peak(submission)
        if peak is not None and not np.isclose(peak, 0.25) \
                and np.isclose(actual, peak ** n, rtol=1e-6, atol=0):
            return (f"your vanishing(n) follows your sigmoid_prime, whose largest value is "
                    f"{peak:.6g}; it should be 0.25, at x = 0. Fix sigmoid_prime first.")
        return None

    return cause


def check_vanishing(submission, n):
    shown = f"vanishing({n})"
    with case(shown):
        actual = submission.vanishing(n)
        values = numbers(actual, shown)
        if values.ndim > 0 and values.size > 1:
            fail(f"{shown} returned {values.size} numbers; it should return one: the factor by "
                 f"which {n} sigmoid layers can at most scale a gradient.",
                 cause="multiply the layers' factors together: 0.25 ** n."
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
        check(submission, name, number, f"{name} of a random number")
        check(submission, name, 0, f"{name}(0)")
        matrix = random_values(rng, 4).reshape(3, 3)
        check(submission, name, matrix.tolist(), f"{name} of a random 3 x 3 list of lists")
        check(submission, name, matrix, f"{name} of a random 3 x 3 array")
