"""The comparisons every suite uses, so that every exercise explains a wrong answer the same way.

Shape first, then values with a tolerance. A failure is a `Mismatch` whose `summary` is safe to
show for a hidden test (no expected values) and whose `detail` names the first differing index
with the expected and actual values, for visible tests. A suite may pass a `diagnose` function
that recognises a known wrong answer and names its likely cause.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from grader.boundary.proxy import Remote
from grader.feedback import LIKELY_CAUSE, NotStarted
from grader.i18n import N_, _, counted

Diagnose = Callable[[np.ndarray], "str | None"]
NOT_NUMBERS = N_("{what} returned {kind}; it should return numbers.")
# What an array holds instead of numbers, put into a sentence ("... holding text; ...").
TEXT, OTHER = N_("text"), N_("something other than numbers")
ODD = (TEXT, OTHER)

class Mismatch(AssertionError):
    def __init__(self, summary: str, *, detail: str | None = None, expected: Any = None,
                 actual: Any = None, cause: str | None = None, shown: bool = True) -> None:
        super().__init__(summary)
        self.summary = summary
        self.detail = detail
        self.expected = show(expected) if shown and expected is not None else None
        self.actual = show(actual) if shown and actual is not None else None
        self.cause = cause

    def message(self, visible: bool) -> str:
        parts = [self.summary]
        if visible and self.detail:
            parts.append(self.detail)
        if self.cause:
            parts.append(_(LIKELY_CAUSE).format(cause=self.cause))
        return "\n".join(parts)


@contextlib.contextmanager
def case(description: str) -> Iterator[None]:
    """Name the input a visible test shows, e.g. `case("softmax([5, 6, 7])")`."""
    try:
        yield
    except BaseException as error:
        if getattr(error, "shown_input", None) is None:
            error.shown_input = description
        raise


def shown_input(error: BaseException) -> str | None:
    """The input of the `case` the error escaped from, if any."""
    return getattr(error, "shown_input", None)


def fail(summary: str, **details: Any) -> None:
    raise Mismatch(summary, **details)


def not_started(what: str) -> None:
    """For stubs that start from values rather than `raise NotImplementedError`."""
    raise NotStarted(_("Not started yet: {what}").format(what=what))


def show(value: Any) -> str:
    """A compact, readable form of a value for the report."""
    if isinstance(value, Remote):
        return repr(value)
    if isinstance(value, np.ndarray) and value.dtype.kind in "biufc":
        text = np.array2string(value, precision=8, separator=", ", threshold=60)
    elif isinstance(value, (float, np.floating)):
        text = repr(float(value))
    elif isinstance(value, (list, tuple)) and value and all(
            isinstance(item, np.generic) for item in value):
        # The course's own softmax returns a list of np.float64: show [0.1, nan], not
        # [np.float64(0.1), np.float64(nan)], keeping the list or tuple the learner returned.
        text = repr(type(value)(item.item() for item in value))
    else:
        text = repr(value)
    return text if len(text) <= 600 else text[:597] + "..."


def kind_of(value: Any) -> str:
    """What a value is, in words to put in a sentence: "a list", "a NumPy array of shape (3,)"."""
    if isinstance(value, Remote):
        return _("a {type} object").format(type=value.type_name)
    if value is None:
        return "None"
    if isinstance(value, np.ndarray):
        return _("a NumPy array of shape {shape}").format(shape=value.shape)
    name = type(value).__name__
    return (_("an {type}") if name[:1] in "aeiou" else _("a {type}")).format(type=name)


def numbers(actual: Any, what: str) -> np.ndarray:
    """The learner's value as a float array, or a Mismatch that says why it is not numbers.

    Only real numbers pass: NumPy would also turn the text "0.5" into 0.5, drop the imaginary
    part of a complex number with a warning, and raise OverflowError on an int above 1.8e308,
    none of which may reach a comparison or stop the suite."""
    if actual is None:
        fail(_("{what} returned None. Did you forget the `return` statement?").format(what=what))
    if isinstance(actual, (str, bytes, dict, Remote)):
        fail(_(NOT_NUMBERS).format(what=what, kind=kind_of(actual)), actual=actual)
    try:
        array = np.asarray(actual)
        odd = _first_odd(array)
    except (ValueError, TypeError, OverflowError):  # ragged, or holding something odd
        odd = "ragged"
    if odd == "ragged":
        fail(_("{what} returned {kind} that is not a list of numbers of one shape.").format(
            what=what, kind=kind_of(actual)), actual=actual)
    if odd == "complex":
        fail(_("{what} returned complex numbers; it should return real numbers.").format(
            what=what), actual=actual,
             cause=_("the square root or the log of a negative number, or a complex type such "
                     "as np.complex128 or 1j somewhere in the computation."))
    if odd is not None and array.ndim == 0:
        fail(_(NOT_NUMBERS).format(what=what, kind=kind_of(actual)), actual=actual)
    if odd is not None:
        fail(_("{what} returned {kind} holding {odd}; it should hold numbers only.").format(
            what=what, kind=kind_of(actual), odd=_(odd) if odd in ODD else odd), actual=actual)
    try:
        return array.astype(float)
    except OverflowError:
        fail(_("{what} returned a number too large for a float (above about 1.8e308).").format(
            what=what), actual=actual,
             cause=_("an integer computation that grew without bound, such as 10 ** 400."))


def _first_odd(array: np.ndarray) -> str | None:
    """Why an array is not real numbers ("ragged", "complex", or the first odd entry in
    words), or None if it is."""
    if array.dtype.kind in "biuf":
        return None
    if array.dtype.kind == "c":
        return "complex"
    if array.dtype.kind in "US":
        return TEXT
    if array.dtype.kind != "O":
        return OTHER
    for item in array.ravel():
        if isinstance(item, (list, tuple, np.ndarray)):
            return "ragged"
        if isinstance(item, (complex, np.complexfloating)):
            return "complex"
        if item is None:
            return "None"
        if isinstance(item, (str, bytes)):
            return TEXT
        if not isinstance(item, (int, float, np.integer, np.floating, np.bool_)):
            return kind_of(item)
    return None


def assert_close(actual: Any, expected: Any, *, what: str, rtol: float = 1e-6,
                 atol: float = 1e-8, diagnose: Diagnose | None = None) -> None:
    expected_array = np.asarray(expected, dtype=float)
    actual_array = numbers(actual, what)
    if actual_array.ndim == 0 and expected_array.ndim > 0:
        fail(_("{what} returned one number; it should return {size} numbers (a list or an array "
               "of shape {shape}).").format(what=what, size=expected_array.size,
                                            shape=expected_array.shape),
             expected=expected, actual=actual, cause=_cause(diagnose, actual_array)
             or _("a sum or a max where the whole list belongs: return every value."))
    if actual_array.shape != expected_array.shape:
        fail(_("{what} has shape {shape}, but the expected shape is {expected}.").format(
            what=what, shape=actual_array.shape, expected=expected_array.shape),
             expected=expected, actual=actual,
             cause=_cause(diagnose, actual_array) or _shape_cause(actual_array, expected_array))
    close = np.isclose(actual_array, expected_array, rtol=rtol, atol=atol)
    if close.all():
        return
    cause = _cause(diagnose, actual_array)
    if not np.isfinite(actual_array).all() and np.isfinite(expected_array).all():
        fail(_("{what} contains nan or inf.").format(what=what), expected=expected,
             actual=actual,
             cause=cause or _("an overflow (exp of a large number) or a division by zero."))
    if expected_array.ndim == 0:
        fail(_("{what} is not the expected value.").format(what=what),
             detail=_("Expected {expected}, got {actual}.").format(
                 expected=show(expected_array.item()), actual=show(actual_array.item())),
             expected=expected, actual=actual, cause=cause)
    index = tuple(int(i) for i in np.argwhere(~close)[0])
    where = index[0] if len(index) == 1 else index
    count = int((~close).sum())
    fail(_differ(what, count, close.size),
         detail=_("First difference at index {index}: expected {expected}, got {actual}.").format(
             index=where, expected=show(expected_array[index].item()),
             actual=show(actual_array[index].item())),
         expected=expected, actual=actual, cause=cause)


def assert_scalar_close(actual: Any, expected: float, *, what: str, rtol: float = 1e-6,
                        atol: float = 1e-8, diagnose: Diagnose | None = None) -> None:
    """Like assert_close, but the learner must return one number, not a list of them."""
    if isinstance(actual, (list, tuple)) or (isinstance(actual, np.ndarray) and actual.ndim > 0):
        fail(_("{what} returned {kind}; it should return one number (a float).").format(
            what=what, kind=kind_of(actual)), actual=actual,
             cause=_("a missing sum, or np.sum applied along one axis only."))
    assert_close(actual, expected, what=what, rtol=rtol, atol=atol, diagnose=diagnose)


def assert_equal(actual: Any, expected: Any, *, what: str,
                 diagnose: Diagnose | None = None) -> None:
    """Exact comparison, for truth tables and other integer answers."""
    assert_close(actual, expected, what=what, rtol=0.0, atol=0.0, diagnose=diagnose)


def _differ(what: str, count: int, size: int) -> str:
    """"1 of 1 value differs", "1 of 3 values differs", "2 of 3 values differ"."""
    if count == size:
        return counted(size, "{what}: {count} of {n} value differs from the expected one.",
                       "{what}: {count} of {n} values differ from the expected ones.",
                       what=what, count=count)
    return counted(count, "{what}: {n} of {size} values differs from the expected ones.",
                   "{what}: {n} of {size} values differ from the expected ones.",
                   what=what, size=size)


def _cause(diagnose: Diagnose | None, actual: np.ndarray) -> str | None:
    if diagnose is None:
        return None
    with np.errstate(all="ignore"):
        try:
            return diagnose(actual)
        except (ValueError, TypeError, ArithmeticError, IndexError):
            return None


def _shape_cause(actual: np.ndarray, expected: np.ndarray) -> str | None:
    if actual.shape == expected.shape[::-1] and actual.ndim == 2:
        return _("the result is transposed: swap the order of the matrix product or use .T.")
    if actual.size == expected.size:
        return _("the right values in the wrong shape: check reshape, [:, None] or ndmin.")
    return None
