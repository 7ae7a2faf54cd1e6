"""Hidden suite: the OR perceptron (seed section 2, the logic-gate quizzes)."""

import pytest

import gates
from grader.i18n import N_

OR = gates.Gate(
    name=N_("OR"),
    table=(0, 1, 1, 1),
    mistakes={
        (0, 0, 0, 1): N_("this is AND: only (1, 1) reaches 0. For OR one input alone must be "
                         "enough: raise the bias (or the weights)."),
        (1, 0, 0, 0): N_("this is NOR, the opposite of OR: flip the signs of all three numbers "
                         "(OR needs positive weights and a negative bias)."),
        (1, 1, 1, 0): N_("this is NAND: it is 1 for (0, 0), where OR is 0. OR needs positive "
                         "weights and a negative bias."),
        (1, 1, 1, 1): N_("the output is always 1: (0, 0) must give 0, so the bias alone must be "
                         "below 0."),
        (0, 0, 0, 0): N_("the output is always 0: even (1, 1) stays below 0. Raise the bias or "
                         "the weights."),
        (0, 0, 1, 1): N_("the output copies the first input: weight2 is too small for (0, 1) to "
                         "reach 0. Make weight2 as large as weight1."),
        (0, 1, 0, 1): N_("the output copies the second input: weight1 is too small for (1, 0) to "
                         "reach 0. Make weight1 as large as weight2."),
    },
    positive_weights=True,
)


@pytest.mark.parametrize(("x1", "x2", "expected"),
                         [(x1, x2, OR.expected(x1, x2)) for x1, x2 in gates.INPUTS])
@pytest.mark.points(1)
@pytest.mark.hint(1)
@pytest.mark.twin("test_input_forms")
def test_truth_table_row(submission, x1, x2, expected):
    """OR({x1}, {x2}) = {expected}"""
    gates.check_row(OR, gates.read_weights(submission, OR), x1, x2)


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(2)
def test_input_forms(submission, rng):
    """OR for every input, given as ints, floats, booleans or NumPy"""
    gates.check_stream(OR, gates.read_weights(submission, OR), rng)
