"""The grading plugin on small suites run with pytester: how markers turn into results."""

from __future__ import annotations

import pytest

from grader.boundary.launch import Limits
from grader.core.plugin import GradingPlugin
from grader.course.catalog import Exercise
from grader.results import Status, TestResult

pytest_plugins = ["pytester"]

EXERCISE = Exercise(name="demo", title="Demo", section="Demo", points=4, task="Demo.",
                    hints=("Compute it.", "Really compute it."))

SUITE = """
import pytest

ANSWERS = {answers!r}

@pytest.mark.points(3)
@pytest.mark.hint(1)
@pytest.mark.twin("test_random")
def test_example():
    '''the worked example'''
    assert ANSWERS["example"], "wrong example"

@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(2)
def test_random():
    '''the same on random inputs'''
    assert ANSWERS["random"], "wrong on random inputs"
"""


class _Session:
    """What the plugin asks of a learner session when no test touches the learner's code."""

    limits = Limits()

    def start_test(self, seconds: float) -> None:
        pass


def _run(pytester: pytest.Pytester, source: str) -> GradingPlugin:
    pytester.makepyfile(test_demo=source)
    plugin = GradingPlugin(EXERCISE, _Session(), seed=1)
    pytester.inline_run("-p", "no:cacheprovider", plugins=[plugin])
    return plugin


def _by_id(plugin: GradingPlugin) -> dict[str, TestResult]:
    return {result.id: result for result in plugin.ordered_results()}


def test_an_example_counts_when_its_twin_passes(pytester):
    results = _by_id(_run(pytester, SUITE.format(answers={"example": True, "random": True})))
    assert results["test_example"].status is Status.PASSED
    assert results["test_example"].score == 3
    assert results["test_example"].twin == "the same on random inputs"
    assert not results["test_example"].gated


def test_a_copied_example_earns_nothing_and_says_why(pytester):
    results = _by_id(_run(pytester, SUITE.format(answers={"example": True, "random": False})))
    example = results["test_example"]
    assert example.status is Status.FAILED
    assert example.score == 0 and example.max_score == 3 and example.gated
    assert "matches this example, but not the same computation on other inputs" in example.message
    assert "the same on random inputs" in example.message
    assert example.hint_number == 2, "the hint is the one that helps with the twin's failure"


def test_a_wrong_example_keeps_its_own_message(pytester):
    results = _by_id(_run(pytester, SUITE.format(answers={"example": False, "random": True})))
    assert results["test_example"].message.startswith("wrong example")
    assert results["test_random"].score == 1


def test_a_twin_that_is_not_a_hidden_test_is_a_suite_problem(pytester):
    source = SUITE.format(answers={"example": True, "random": True}).replace(
        '@pytest.mark.twin("test_random")', '@pytest.mark.twin("test_missing")')
    plugin = _run(pytester, source)
    assert any("twin" in problem for problem in plugin.problems)
