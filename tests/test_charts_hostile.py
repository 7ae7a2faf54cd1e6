"""A learner's odd values and odd behaviour cost a chart, never the grading (issue 16).

Each attack is the course's solution with one function patched to misbehave only where a chart
looks: in the extra calls a suite makes for a picture, or with values a picture cannot hold.
Every one of them was, before it was fixed, a grader failure (exit code 3, a traceback while
writing the report) or a grade lost only because of the picture. Each is graded once through
the CLI with its HTML report; the answer is otherwise right, so it must get full marks, and the
page must hold only drawable SVG.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass

import pytest
from click.testing import CliRunner

from grader import cli, i18n
from grader.core.plugin import ChartRecorder
from grader.course import paths as course
from grader.render import charts
from grader.results import (
    MAX_CHART_TEXT,
    MAX_MARKS,
    MAX_SERIES,
    Chart,
    ChartKind,
    Mark,
    Result,
    Role,
    Series,
    Status,
    TestResult,
    Visibility,
)

BIGGEST = "1.7976931348623157e308"


@dataclass(frozen=True)
class Attack:
    exercise: str
    patch: str  # appended to the course's solution
    drawn: str  # a test whose chart must still be in the report ("" when the picture is lost)


ATTACKS = {
    # A right boundary scaled by 1e200: length**2 overflowed in the chart's line (exit 3).
    "gradient_descent_weights_of_1e200": Attack("gradient_descent", """
_train = train
def train(features, targets, epochs, learnrate):
    weights, bias = _train(features, targets, epochs, learnrate)
    return weights * 1e200, bias * 1e200
""", "test_train_example"),
    # The picture's runs (other epochs) hang; the hidden data set takes 1.5 s, honestly. The
    # hang used to mark train as hung, so the hidden test's train was cut to 1 s: a timeout,
    # 2 points lost, with a message blaming a loop that never ends.
    "gradient_descent_picture_runs_hang": Attack("gradient_descent", """
import time
_train = train
def train(features, targets, epochs, learnrate):
    if epochs != 100:
        time.sleep(100)
    if len(features) != 16:
        time.sleep(1.5)
    return _train(features, targets, epochs, learnrate)
""", "test_train_example"),
    # A dict for the chart's calls only (called from the grader, at learnrate 1.0): its [0]
    # raised KeyError in the chart's helper (exit 3).
    "sgd_momentum_dict_for_the_picture": Attack("sgd_momentum", """
import sys
_step = momentum_step
def momentum_step(weights, velocity, gradient, learnrate, beta):
    weights, velocity = _step(weights, velocity, gradient, learnrate, beta)
    if learnrate == 1.0 and sys._getframe(1).f_globals.get("__name__") != __name__:
        return {"weights": weights, "velocity": velocity}
    return weights, velocity
""", ""),
    # The largest floats, both signs, on the chart's 161 values: the chart's range was
    # infinite and writing the report raised OverflowError (a traceback).
    "activations_largest_floats_for_the_picture": Attack("activations", f"""
_tanh = tanh
def tanh(x):
    if np.size(x) == 161:
        return np.where(np.arange(161) % 2 == 0, {BIGGEST}, -{BIGGEST})
    return _tanh(x)
""", "test_tanh"),
    "regularization_largest_floats_for_the_picture": Attack("regularization", f"""
_l1_gradient = l1_gradient
def l1_gradient(weights, lam):
    if np.size(weights) == 41:
        return np.where(np.arange(41) % 2 == 0, 1e308, -{BIGGEST})
    return _l1_gradient(weights, lam)
""", "test_gradient_examples"),
    # Reading the weights for the loss curve's snapshots (and only then) raises SystemExit:
    # both training tests failed, though the final weights are right.
    "neural_network_exit_in_a_snapshot": Attack("neural_network", """
import sys
class NeuralNetwork(NeuralNetwork):
    @property
    def weights_hidden_to_output(self):
        if sys._getframe(1).f_code.co_name == "_weights_of":
            raise SystemExit(0)
        return self._hidden_to_output
    @weights_hidden_to_output.setter
    def weights_hidden_to_output(self, value):
        self._hidden_to_output = value
""", "test_trains_on_the_shown_bike_sharing_data"),
}


def _svgs(page: str) -> list[str]:
    return re.findall(r"<svg .*?</svg>", page, re.S)


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_a_misbehaving_picture_costs_the_picture_never_the_grade(name, tmp_path):
    attack = ATTACKS[name]
    submission = tmp_path / f"{attack.exercise}.py"
    submission.write_text(course.solution_path(attack.exercise).read_text(encoding="utf-8")
                          + "\n\nimport numpy as np\n" + attack.patch, encoding="utf-8")
    page = tmp_path / "report.html"
    outcome = CliRunner().invoke(cli.main, [
        "--lang", "en", "check", str(submission), "--exercise", attack.exercise,
        "--format", "json", "--seed", "20261130", "--html", str(page)],
        catch_exceptions=False)
    i18n.use(i18n.ENGLISH)
    result = Result.from_json(outcome.stdout)
    assert outcome.exit_code == 0 and result.status is Status.PASSED, [
        (test.id, test.status.value, test.message) for test in result.tests
        if test.status is not Status.PASSED]
    text = page.read_text(encoding="utf-8")
    if attack.drawn:
        assert next(test for test in result.tests if test.id == attack.drawn).charts
    for drawing in _svgs(text):
        assert not re.search(r'="[^"]*(nan|inf)', drawing), drawing[:300]


EXTREMES = [((0.0, -1e308), (1.0, 1e308)), ((0.0, -float(BIGGEST)), (1.0, -1e-300)),
            ((float(BIGGEST), 0.0), (-float(BIGGEST), 1.0)), ((5e-324, 1e-323), (1e-323, 0.0))]


@pytest.mark.parametrize("kind", list(ChartKind))
@pytest.mark.parametrize("points", EXTREMES, ids=["both-signs", "largest", "x-both", "tiny"])
def test_any_finite_numbers_draw_an_svg_with_finite_coordinates(kind, points):
    chart = Chart(kind, "t", "x", "y",
                  (Series("", Role.LEARNER, points), Series("", Role.DATA, points),
                   Series("", Role.BOUND, points)),
                  (Mark(float(BIGGEST), "far"), Mark(-float(BIGGEST), "far too")))
    drawing = str(charts.svg(chart))
    numbers = re.findall(r'\s(?:x|y|x1|x2|y1|y2|cx|cy|width|height)="([^"]*)"', drawing)
    numbers += [value for path in re.findall(r'\spoints="([^"]*)"', drawing)
                for value in re.split(r"[ ,]", path)]
    assert numbers and all(math.isfinite(float(value)) for value in numbers)
    assert "nan" not in drawing


def test_a_chart_beyond_the_caps_is_cut_to_what_the_reader_accepts():
    drawn: list[Chart] = []
    long = "x" * (MAX_CHART_TEXT + 50)
    ChartRecorder(drawn, hidden=False)(
        "curve", long, long, long,
        [(long, "learner", [(0, 1), (1, 2)])] * (MAX_SERIES + 3),
        marks=[(index, long) for index in range(MAX_MARKS + 3)])
    chart, = drawn
    assert len(chart.series) == MAX_SERIES and len(chart.marks) == MAX_MARKS
    test = TestResult(id="test_x", name="x", status=Status.PASSED, score=1.0, max_score=1.0,
                      visibility=Visibility.VISIBLE, charts=(chart,))
    result = Result(exercise="x", title="x", submission="x.py", status=Status.PASSED,
                    score=1.0, max_score=1.0, tests=(test,))
    read = Result.from_json(result.to_json())
    assert read.tests[0].charts[0].title.startswith("xxx")
    assert json.loads(result.to_json())["tests"][0]["charts"][0]["title"] != long
