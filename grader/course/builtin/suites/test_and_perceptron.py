"""Hidden suite: the AND perceptron (seed section 2, the AND quiz)."""

import pytest

import gates
from grader.i18n import N_

AND = gates.Gate(
    name=N_("AND"),
    table=(0, 0, 0, 1),
    mistakes={
        (0, 1, 1, 1): N_("this is OR: the bias must be lower, so that only (1, 1) reaches 0."),
        (1, 1, 1, 0): N_("this is NAND, the opposite of AND: flip the signs of all three numbers "
                         "(AND needs positive weights and a negative bias)."),
        (1, 0, 0, 0): N_("this is NOR: the output is 1 only for (0, 0). AND needs positive weights "
                         "and a negative bias."),
        (1, 1, 1, 1): N_("the output is always 1: even (0, 0) reaches 0, so the bias is too high. "
                         "AND needs a negative bias."),
        (0, 0, 0, 0): N_("the output is always 0: even (1, 1) stays below 0. Raise the bias or the "
                         "weights so that weight1 + weight2 + bias >= 0."),
        (0, 0, 1, 1): N_("the output copies the first input: (1, 0) alone already reaches 0. AND "
                         "needs both inputs: lower the bias, or make weight2 as large as weight1."),
        (0, 1, 0, 1): N_("the output copies the second input: (0, 1) alone already reaches 0. AND "
                         "needs both inputs: lower the bias, or make weight1 as large as weight2."),
    },
    positive_weights=True,
)


@pytest.mark.parametrize(("x1", "x2", "expected"),
                         [(x1, x2, AND.expected(x1, x2)) for x1, x2 in gates.INPUTS])
@pytest.mark.points(1)
@pytest.mark.hint(1)
@pytest.mark.twin("test_input_forms")
def test_truth_table_row(submission, x1, x2, expected):
    """AND({x1}, {x2}) = {expected}"""
    gates.check_row(AND, gates.read_weights(submission, AND), x1, x2)


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(2)
def test_input_forms(submission, rng):
    """AND for every input, given as ints, floats, booleans or NumPy"""
    gates.check_stream(AND, gates.read_weights(submission, AND), rng)
