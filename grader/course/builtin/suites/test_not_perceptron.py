"""Hidden suite: the NOT perceptron, NOT of the second input (seed section 2)."""

import pytest

import gates
from grader.i18n import N_

NOT = gates.Gate(
    name=N_("NOT x2"),
    table=(1, 0, 1, 0),
    mistakes={
        (1, 1, 0, 0): N_("this is NOT of the first input. Here NOT negates the second input (x2) "
                         "and ignores the first: swap weight1 and weight2."),
        (1, 1, 1, 0): N_("this is NAND: it looks at both inputs. NOT ignores the first input: set "
                         "weight1 to 0."),
        (1, 0, 0, 0): N_("this is NOR: it looks at both inputs. NOT ignores the first input: set "
                         "weight1 to 0."),
        (1, 0, 1, 1): N_("the first input changes the output: (1, 1) reaches 0. NOT ignores the "
                         "first input: set weight1 to 0."),
        (0, 0, 1, 0): N_("the first input changes the output: (0, 0) stays below 0. NOT ignores "
                         "the first input: set weight1 to 0."),
        (0, 1, 0, 1): N_("this copies the second input instead of negating it: NOT needs a "
                         "negative weight2 and a bias of at least 0."),
        (0, 0, 1, 1): N_("this copies the first input. NOT negates the second input: weight1 "
                         "should be 0 and weight2 negative."),
        (1, 1, 1, 1): N_("the output is always 1: when x2 = 1 the sum must fall below 0, so "
                         "weight2 + bias < 0."),
        (0, 0, 0, 0): N_("the output is always 0: when x2 = 0 the sum is just the bias (with "
                         "weight1 = 0), so the bias must be at least 0."),
    },
)


@pytest.mark.parametrize(("x1", "x2", "expected"),
                         [(x1, x2, NOT.expected(x1, x2)) for x1, x2 in gates.INPUTS])
@pytest.mark.points(1)
@pytest.mark.hint(2)
@pytest.mark.twin("test_input_forms")
def test_truth_table_row(submission, x1, x2, expected):
    """NOT x2 for ({x1}, {x2}) = {expected}"""
    gates.check_row(NOT, gates.read_weights(submission, NOT), x1, x2)


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(1)
def test_input_forms(submission, rng):
    """NOT x2 for every input, given as ints, floats, booleans or NumPy"""
    gates.check_stream(NOT, gates.read_weights(submission, NOT), rng)
