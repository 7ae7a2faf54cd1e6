"""The shared comparisons take whatever a learner's function returned: only real numbers pass,
and everything else is a Mismatch that says what came back, never another exception."""

from __future__ import annotations

import numpy as np
import pytest

from grader.core.compare import Mismatch, assert_close, assert_scalar_close, numbers


@pytest.mark.parametrize("value, said", [
    (None, "returned None. Did you forget the `return` statement?"),
    ("0.5", "returned a str; it should return numbers."),
    (b"0.5", "returned a bytes; it should return numbers."),
    ({"p": 0.5}, "returned a dict; it should return numbers."),
    (["0.5", "0.5"], "returned a list holding text; it should hold numbers only."),
    (np.array(["0.5"]), "returned a NumPy array of shape (1,) holding text;"),
    ([0.5, None], "returned a list holding None; it should hold numbers only."),
    (np.array([1.0, "a", None], dtype=object), "holding text"),
    ([[0.5, 0.5], [0.5]], "returned a list that is not a list of numbers of one shape."),
    (1 + 2j, "returned complex numbers; it should return real numbers."),
    (np.array([0.5 + 1j, 0.5 - 1j]), "returned complex numbers"),
    ([0.5, 0.5 + 0j], "returned complex numbers"),
    (10**400, "returned a number too large for a float (above about 1.8e308)."),
    ([0.5, 10**400], "returned a number too large for a float"),
    (object(), "returned an object; it should return numbers."),
])
def test_what_is_not_real_numbers_is_a_mismatch_that_says_what_it_is(value, said):
    with pytest.raises(Mismatch) as caught:
        numbers(value, "softmax(L)")
    assert said in caught.value.summary
    assert caught.value.summary.startswith("softmax(L) ")


@pytest.mark.parametrize("value, expected", [
    ([0.5, 0.25], [0.5, 0.25]),
    ((1, 2), [1.0, 2.0]),
    (np.float32(0.5), 0.5),
    ([True, False], [1.0, 0.0]),
    ([2**64, 1], [2.0**64, 1.0]),
    (np.zeros(0), []),
    (-0.0, 0.0),
    ([np.float64(1.0), np.int8(2)], [1.0, 2.0]),
])
def test_real_numbers_in_any_form_become_a_float_array(value, expected):
    array = numbers(value, "f(x)")
    assert array.dtype == np.float64
    assert array.tolist() == expected


def test_complex_numbers_never_pass_for_their_real_part():
    """NumPy would drop the imaginary part with a warning, and [0.5+1j, 0.5-1j] would pass
    for the softmax of two equal scores."""
    with pytest.raises(Mismatch, match="complex"):
        assert_close(np.array([0.5 + 1j, 0.5 - 1j]), [0.5, 0.5], what="softmax([2, 2])")


def test_numbers_given_as_text_never_pass():
    with pytest.raises(Mismatch, match="text"):
        assert_close(["0.5", "0.5"], [0.5, 0.5], what="softmax([2, 2])")


@pytest.mark.parametrize("value, said", [
    (float("nan"), "contains nan or inf"),
    (float("inf"), "contains nan or inf"),
    (1e308, "is not the expected value"),
    (np.zeros(10**6), "has shape (1000000,), but the expected shape is ()"),
    (np.zeros(0), "has shape (0,), but the expected shape is ()"),
    ([[1.0, 2.0], [3.0]], "not a list of numbers of one shape"),
])
def test_strange_values_against_one_number_are_a_mismatch(value, said):
    with pytest.raises(Mismatch) as caught:
        assert_close(value, 4.83, what="cross_entropy(Y, P)")
    assert said in caught.value.summary


def test_a_list_where_one_number_belongs_is_named():
    with pytest.raises(Mismatch, match="it should return one number"):
        assert_scalar_close([4.83], 4.83, what="cross_entropy(Y, P)")
