"""Hidden suite: XOR as a two-layer network of step perceptrons (seed section 2, XOR)."""

import numpy as np
import pytest

import gates
from grader.core.compare import fail
from grader.i18n import _

ROWS = [pytest.param(x1, x2, expected, marks=pytest.mark.points(2 if (x1, x2) == (1, 1) else 1))
        for (x1, x2), expected in zip(gates.INPUTS, gates.XOR_TABLE, strict=True)]


@pytest.mark.parametrize(("x1", "x2", "expected"), ROWS)
@pytest.mark.hint(1)
@pytest.mark.twin("test_random_batch")
def test_truth_table_row(submission, x1, x2, expected):
    """XOR({x1}, {x2}) = {expected}"""
    gates.check_network_row(gates.read_network(submission), x1, x2)


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(2)
def test_random_batch(submission, rng):
    """XOR on a random batch of inputs, computed all at once"""
    network = gates.read_network(submission)
    batch = rng.permutation(np.vstack([gates.INPUTS, rng.integers(0, 2, (28, 2))]))
    expected = np.array([gates.XOR_TABLE[gates.INPUTS.index(tuple(int(v) for v in row))]
                         for row in batch])
    if not np.array_equal(network.run(batch), expected):
        fail(_("Your network does not compute XOR on a batch of random inputs."),
             cause=gates.diagnose_network(network))
