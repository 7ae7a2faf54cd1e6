"""Charts in results and reports (issue 16): the numbers round-trip through the result JSON and
its schema, strictly and within their caps; a hidden test's chart never holds the expected values
or the inputs; the SVG is drawn with axes, legend and a text alternative; and the training
exercises' reports show their charts for a wrong answer and a right one, in headless Chromium at
a phone's width and a desktop's, in English and Chinese (screenshots are written next to each
test's temporary files: pytest --basetemp=DIR keeps them)."""

from __future__ import annotations

import json
import math
import re
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
from conftest import CORPUS_DIR

from grader import i18n
from grader.boundary.launch import Limits
from grader.core import worker
from grader.core.plugin import ChartRecorder, GradingPlugin
from grader.course import paths as course
from grader.course.catalog import Exercise
from grader.render import charts
from grader.render import html as render_html
from grader.results import (
    MAX_POINTS,
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

pytest_plugins = ["pytester"]

SCHEMA = json.loads((course.PACKAGE_DIR / "result.schema.json").read_text(encoding="utf-8"))


def _curve(role: Role = Role.REFERENCE) -> Chart:
    return Chart(ChartKind.CURVE, "Loss per epoch", "epoch", "loss",
                 (Series("", Role.LEARNER, ((1.0, 0.7), (2.0, 0.5), (3.0, 0.45))),
                  Series("", role, ((1.0, 0.6), (2.0, 0.3), (3.0, 0.2)))),
                 (Mark(2.0, "stopped"),))


def _test(visibility: Visibility = Visibility.VISIBLE, *charts_: Chart) -> TestResult:
    return TestResult(id="test_train", name="train", status=Status.FAILED, score=0.0,
                      max_score=1.0, visibility=visibility, message="wrong",
                      charts=charts_ or (_curve(),))


def _result(*tests: TestResult) -> Result:
    return Result(exercise="gradient_descent", title="Gradient descent", submission="gd.py",
                  status=Status.FAILED, score=0.0, max_score=float(len(tests)), tests=tests,
                  seed=1, graded_at="2026-11-30T18:00:00+00:00")


PLANE = Chart(ChartKind.PLANE, "Your lines", "x1", "x2",
              (Series("y = 0", Role.DATA, ((0.1, 0.2), (0.3, 0.1))),
               Series("y = 1", Role.DATA, ((0.8, 0.9),)),
               Series("", Role.LEARNER, ((-10.0, 11.0), (10.0, -9.0), (-10.0, 12.0),
                                         (10.0, -8.0)))))
BARS = Chart(ChartKind.BARS, "softmax([1, 2, 3])", "position in L", "probability",
             (Series("", Role.LEARNER, ((0.0, 0.07), (1.0, 0.28), (2.0, 0.64))),
              Series("", Role.REFERENCE, ((0.0, 0.09), (1.0, 0.24), (2.0, 0.67)))))


# --- the result JSON ----------------------------------------------------------------------------

def test_charts_of_every_kind_round_trip_and_match_the_schema():
    result = _result(_test(Visibility.VISIBLE, _curve(), PLANE, BARS))
    document = json.loads(result.to_json())
    jsonschema.validate(document, SCHEMA)
    assert Result.from_json(result.to_json()) == result
    assert result.to_dict() == document, "to_dict gives the JSON form, plain lists and strings"
    assert document["tests"][0]["charts"][2]["series"][1]["points"][2] == [2.0, 0.67]


def test_a_result_without_charts_is_written_and_read_as_before_charts_existed():
    result = _result(replace(_test(), charts=()))
    document = json.loads(result.to_json())
    assert "charts" not in document["tests"][0], "older readers refuse unknown fields"
    assert Result.from_dict(document) == result


@pytest.mark.parametrize("change", [
    lambda c: c["series"][0]["points"].append([1.0, math.inf]),
    lambda c: c["series"][0]["points"].append([1.0, math.nan]),
    lambda c: c["series"][0]["points"].append([1.0]),
    lambda c: c["series"][0]["points"].extend([[1.0, 1.0]] * MAX_POINTS),
    lambda c: c["series"].extend(c["series"] * MAX_SERIES),
    lambda c: c.update(colour="red"),
    lambda c: c.update(kind="pie"),
    lambda c: c["series"][0].update(role="teacher"),
    lambda c: c.update(title="x" * 201),
    lambda c: c.update(series=[]),
], ids=["inf", "nan", "one-number", "too-many-points", "too-many-series", "unknown-field",
        "unknown-kind", "unknown-role", "long-title", "no-series"])
def test_a_chart_this_grader_does_not_write_is_refused(change):
    document = json.loads(_result(_test()).to_json())
    change(document["tests"][0]["charts"][0])
    with pytest.raises(ValueError):
        Result.from_dict(document)


@pytest.mark.parametrize("role", ["reference", "data"])
def test_a_hidden_tests_chart_with_more_than_the_learners_values_is_refused(role):
    document = json.loads(_result(_test(Visibility.HIDDEN, _curve(Role.BOUND))).to_json())
    jsonschema.validate(document, SCHEMA)
    Result.from_dict(document)
    document["tests"][0]["charts"][0]["series"][1]["role"] = role
    with pytest.raises(ValueError, match="hidden"):
        Result.from_dict(document)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, SCHEMA)


def test_the_worker_cuts_charts_to_their_caps_and_drops_them_before_the_tests():
    many = Series("", Role.LEARNER, tuple((float(i), 1.0) for i in range(5 * MAX_POINTS)))
    flood = Chart(ChartKind.CURVE, "t" * 5000, "x", "y", (many,) * (MAX_SERIES + 5))
    kept = worker.bounded(_result(_test(Visibility.VISIBLE, *(flood,) * 10)))
    chart = kept.tests[0].charts[0]
    assert len(kept.tests[0].charts) == 4
    assert len(chart.series) == MAX_SERIES
    assert len(chart.series[0].points) == MAX_POINTS
    assert chart.title.endswith("…") and len(chart.title) == 200
    assert Result.from_json(kept.to_json()) == kept
    tests = [replace(_test(Visibility.VISIBLE, *(flood,) * 4), id=f"t{n}") for n in range(40)]
    small = worker.bounded(_result(*tests), limit=200_000)
    assert len(small.to_json(indent=2).encode()) <= 200_000
    assert len(small.tests) == 40 and not any(test.charts for test in small.tests)


# --- the plugin's `chart` fixture -----------------------------------------------------------------

SUITE = """
import math
import pytest

EXPECTED = [0.123456, 0.654321]
YOURS = [0.5, 0.5]

def draw(chart, roles):
    series = {{"learner": list(enumerate(YOURS)), "reference": list(enumerate(EXPECTED)),
              "bound": [(0, 0.25), (1, 0.25)], "data": [(0.9, 0.8)]}}
    chart("bars", "softmax", "position", "probability",
          [("", role, series[role]) for role in roles])

@pytest.mark.points(1)
def test_visible(chart):
    '''visible'''
    chart("curve", "loss", "epoch", "loss",
          [("", "learner", [(1, 0.5), (2, math.nan), (3, math.inf), (4, 0.25)])])
    draw(chart, ["learner", "reference"])
    assert False, "wrong"

@pytest.mark.points(1)
@pytest.mark.hidden
def test_hidden_fair(chart):
    '''hidden, fair'''
    draw(chart, ["learner", "bound"])
    assert False, "wrong on random inputs"

@pytest.mark.points(1)
@pytest.mark.hidden
def test_hidden_telling(chart):
    '''hidden, telling'''
    draw(chart, {roles!r})
"""


EXERCISE = Exercise(name="demo", title="Demo", section="Demo", points=3, task="Demo.",
                    hints=("Compute it.",))


class _Session:
    """What the plugin asks of a learner session when no test touches the learner's code."""

    limits = Limits()

    def start_test(self, seconds: float) -> None:
        pass


def _run(pytester: pytest.Pytester, roles: list[str]) -> GradingPlugin:
    pytester.makepyfile(test_demo=SUITE.format(roles=roles))
    plugin = GradingPlugin(EXERCISE, _Session(), seed=1)
    pytester.inline_run("-p", "no:cacheprovider", plugins=[plugin])
    return plugin


@pytest.mark.parametrize("roles", [["learner", "reference"], ["learner", "data"],
                                   ["reference"]])
def test_a_hidden_test_that_would_chart_the_answer_is_the_suites_error(pytester, roles):
    plugin = _run(pytester, roles)
    results = {test.id: test for test in plugin.ordered_results()}
    telling = results["test_hidden_telling"]
    assert telling.status is Status.ERROR and telling.charts == ()
    assert any("hidden test" in problem for problem in plugin.problems), \
        "a suite problem stops the grading (exit 3) rather than showing the answer"


def test_a_hidden_tests_fair_chart_is_kept_and_its_page_holds_no_expected_value(pytester):
    plugin = _run(pytester, ["learner"])
    results = {test.id: test for test in plugin.ordered_results()}
    fair = results["test_hidden_fair"]
    assert [series.role for series in fair.charts[0].series] == [Role.LEARNER, Role.BOUND]
    hidden_only = _result(fair)
    page = render_html.render(hidden_only)
    assert "<svg" in page
    for value in ("0.123456", "0.1235", "0.123", "0.654321", "0.6543", "0.654"):
        assert value not in page
    visible = results["test_visible"]
    assert [chart.kind for chart in visible.charts] == [ChartKind.CURVE, ChartKind.BARS]
    assert visible.charts[0].series[0].points == ((1.0, 0.5), (4.0, 0.25)), \
        "points that are not finite numbers are left out"
    assert "0.1235" in render_html.render(_result(visible)), "a visible test shows them"


# --- the SVG --------------------------------------------------------------------------------------

@pytest.mark.parametrize("chart", [_curve(), PLANE, BARS], ids=["curve", "plane", "bars"])
def test_the_svg_has_axes_ticks_a_legend_and_a_text_alternative(chart):
    drawn = str(charts.svg(chart))
    assert re.search(r'<svg viewBox="0 0 \d+ \d+" role="img" aria-label="[^"]+">', drawn)
    assert f"<figcaption>{chart.title}</figcaption>" in drawn.replace("&#39;", "'")
    assert "<title>" in drawn and 'class="axis"' in drawn
    assert drawn.count('class="plot-legend"') == 1
    assert f">{chart.x_label}</text>" in drawn and f">{chart.y_label}</text>" in drawn
    legend = re.findall(r'<li><span class="swatch ([\w-]+)"', drawn)
    assert len(legend) == len(chart.series)
    assert not re.search(r'="[^"]*(nan|inf)', drawn)


def test_the_text_alternative_says_what_each_series_shows():
    said = charts.describe(BARS)
    assert "Yours: 0: 0.07, 1: 0.28, 2: 0.64." in said
    assert "The course's: 0: 0.09, 1: 0.24, 2: 0.67." in said
    assert "Marked: stopped at 2." in charts.describe(_curve())
    assert "Yours: 2 lines, the last from (-10, 12) to (10, -8)." in charts.describe(PLANE)


def test_a_plane_chart_cuts_its_lines_to_the_points_it_shows():
    drawn = str(charts.svg(PLANE))
    for x1, y1, x2, y2 in re.findall(
            r'<line class="learner[^"]*" x1="([-\d.]+)" y1="([-\d.]+)" x2="([-\d.]+)" '
            r'y2="([-\d.]+)"', drawn):
        for x in (float(x1), float(x2)):
            assert charts.LEFT - 0.1 <= x <= charts.WIDTH - charts.RIGHT + 0.1
        for y in (float(y1), float(y2)):
            assert charts.TOP - 0.1 <= y <= charts.HEIGHT - charts.BOTTOM + 0.1


def test_texts_are_escaped_and_chinese_stays_as_it_is():
    chart = replace(BARS, title="<script>alert(1)</script> 概率", x_label="位置 & <b>",
                    series=(replace(BARS.series[0], label='"><img src=x>'),))
    drawn = str(charts.svg(chart))
    assert "<script>" not in drawn and "<img" not in drawn and "<b>" not in drawn
    assert "概率" in drawn and "位置 &amp; &lt;b&gt;" in drawn


def test_huge_learner_values_stay_drawable():
    wild = Series("", Role.LEARNER, ((1.0, 1e300), (2.0, -1e300), (3.0, 0.0)))
    drawn = str(charts.svg(replace(_curve(), series=(wild,), marks=())))
    numbers = [float(n) for n in re.findall(r'points="([^"]+)"', drawn)[0].replace(",", " ")
               .split()]
    assert all(abs(n) <= charts.LIMIT for n in numbers)


@pytest.mark.parametrize("odd", [[[0, 10**400], [1, 2]], [[0, "one"], [1, 2]], [[0, 1], [2]],
                                 [[0, object()]]], ids=["huge-int", "text", "ragged", "object"])
def test_a_learners_values_that_are_not_numbers_cost_the_picture_not_the_grading(odd):
    drawn: list[Chart] = []
    ChartRecorder(drawn, hidden=False)(
        "curve", "t", "x", "y", [("", "learner", odd), ("", "reference", [[0, 1], [1, 2]])],
        marks=[(10**400, "stop"), ("soon", "stop"), (1, "stop")])
    (chart,) = drawn
    assert chart.series[0].points == ()
    assert chart.series[1].points == ((0.0, 1.0), (1.0, 2.0))
    assert [mark.x for mark in chart.marks] == [1.0]
    result = _result(_test(Visibility.VISIBLE, chart))
    assert Result.from_json(result.to_json()) == result


# --- the training exercises' reports, graded for real -----------------------------------------

ANSWERS = {
    "perceptron_step": ("wrong/batch_update.py", "right/new_arrays.py"),
    "gradient_descent": ("wrong/train_drops_result.py", "right/loops.py"),
    "softmax": ("wrong/divide_by_sum_of_scores.py", "right/seed_loop.py"),
    "squared_error": ("wrong/del_w_divided_twice.py", "right/vectorised.py"),
    "neural_network": ("wrong/no_hidden_derivative.py", "right/matmul_outer.py"),
    "multiclass_cross_entropy": ("wrong/log_base_10.py", "right/loops_with_math.py"),
    "activations": ("wrong/leaky_relu.py", "right/other_forms.py"),
    "sentiment_network": ("wrong/sigmoid_hidden_layer.py", "right/notebook_style.py"),
    "early_stopping": ("wrong/stop_counted_from_one.py", "right/plain_loops.py"),
    "sgd_momentum": ("wrong/average_momentum.py", "right/other_convention.py"),
    "dropout": ("wrong/exact_count.py", "right/loops.py"),
    "regularization": ("wrong/kinds_swapped.py", "right/norms.py"),
}
# Where each exercise draws, and what: (test id, kinds of its charts) for a right answer; a wrong
# softmax draws a failing visible example too.
DRAWN = {"perceptron_step": ("test_train_course_defaults", ["plane", "plane"]),
         "gradient_descent": ("test_train_example", ["curve", "plane"]),
         "softmax": ("test_seed_example", ["bars"]),
         "squared_error": ("test_train_example", ["curve", "plane"]),
         "neural_network": ("test_trains_on_the_shown_bike_sharing_data",
                            ["curve", "curve", "curve"]),
         "multiclass_cross_entropy": ("test_cross_entropy_seed_models", ["bars"]),
         "activations": ("test_tanh", ["curve"]),
         "sentiment_network": ("test_accuracy_on_the_shown_reviews", ["curve"]),
         "early_stopping": ("test_stopping_point", ["curve"]),
         "sgd_momentum": ("test_momentum_example", ["curve"]),
         "dropout": ("test_number_kept_varies", ["curve"]),
         "regularization": ("test_gradient_examples", ["curve"])}


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[tuple[str, str, str], Path]:
    """The report of a wrong and a right answer to each exercise, in English and Chinese."""
    from click.testing import CliRunner

    from grader import cli

    folder = tmp_path_factory.mktemp("reports")
    made = {}
    for exercise, answers in ANSWERS.items():
        for answer in answers:
            kind = answer.split("/")[0]
            for lang in i18n.LANGUAGES:
                path = folder / f"{exercise}-{kind}-{lang}.html"
                outcome = CliRunner().invoke(cli.main, [
                    "--lang", lang, "check", str(CORPUS_DIR / exercise / answer), "--exercise",
                    exercise, "--seed", "20261130", "--html", str(path)],
                    catch_exceptions=False)
                assert outcome.exit_code == (1 if kind == "wrong" else 0), outcome.stdout
                drawn = re.search(r"(The report draws \d+ charts?|报告中有 \d+ 张图表)",
                                  outcome.stdout)
                assert drawn, outcome.stdout
                made[exercise, kind, lang] = path
    i18n.use(i18n.ENGLISH)
    return made


def _articles(page: str) -> dict[str, str]:
    return dict(re.findall(r'<article [^>]*id="test-(\w+)"[^>]*>(.*?)</article>', page, re.S))


@pytest.mark.parametrize("exercise", sorted(ANSWERS))
@pytest.mark.parametrize("kind", ["wrong", "right"])
def test_each_chart_kind_is_in_the_report_of_a_wrong_and_a_right_answer(reports, exercise,
                                                                        kind):
    page = reports[exercise, kind, "en"].read_text(encoding="utf-8")
    articles = _articles(page)
    test_id, kinds = DRAWN[exercise]
    assert re.findall(r'<figure class="plot plot-(\w+)">', articles[test_id]) == kinds
    for test_id, article in articles.items():
        if 'data-visibility="hidden"' in page.split(f'id="test-{test_id}"')[1][:200]:
            assert 'class="reference' not in article and 'class="data-' not in article
    if exercise == "softmax":
        failing_bars = [test_id for test_id, article in articles.items()
                        if "plot-bars" in article and "data-status=\"failed\"" in
                        page.split(f'id="test-{test_id}"')[1][:200]]
        assert bool(failing_bars) == (kind == "wrong")


def test_the_hidden_training_chart_shows_the_learners_accuracy_and_the_bound_only(reports):
    page = reports["gradient_descent", "wrong", "en"].read_text(encoding="utf-8")
    article = _articles(page)["test_train"]
    assert 'data-visibility="hidden"' in page.split('id="test-test_train"')[1][:200]
    assert re.findall(r'<polyline class="(\w+)"', article) == ["learner", "bound"]
    assert "<circle" not in article, "the random data set is not drawn"


@pytest.mark.chromium
@pytest.mark.parametrize("lang", i18n.LANGUAGES)
@pytest.mark.parametrize("width", [390, 1000])
def test_the_charts_are_drawn_sized_in_chromium(browser, reports, lang, width, tmp_path):
    page = browser.new_page(viewport={"width": width, "height": 900})
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    for (exercise, kind, page_lang), path in sorted(reports.items()):
        if page_lang != lang:
            continue
        page.goto(path.as_uri())
        svgs = page.locator(".plot svg").all()
        assert svgs, (exercise, kind)
        for svg in svgs:
            box = svg.bounding_box()
            assert 300 <= box["width"] <= min(width, 560), (exercise, kind, box)
            assert box["height"] >= box["width"] * 0.6, (exercise, kind, box)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, \
            "no chart makes the page scroll sideways"
        for index, article in enumerate(page.locator("article:has(.plots)").all()):
            article.screenshot(path=str(tmp_path / f"{exercise}-{kind}-{lang}-{width}-{index}.png"))
    page.close()
    assert problems == []


def _vertices(article: str, role: str) -> list[tuple[float, float]]:
    found = re.search(rf'<polyline class="{role}" points="([^"]*)"', article)
    assert found, role
    return [tuple(map(float, pair.split(","))) for pair in found.group(1).split()]


def _last_line(article: str, role: str) -> tuple[float, ...]:
    found = re.search(rf'<line class="{role} last" x1="([^"]+)" y1="([^"]+)" x2="([^"]+)" '
                      rf'y2="([^"]+)"', article)
    assert found, role
    return tuple(map(float, found.groups()))


def test_gradient_descents_error_curve_and_line_follow_the_courses_only_for_a_right_train(
        reports):
    right = _articles(reports["gradient_descent", "right", "en"].read_text(encoding="utf-8"))
    wrong = _articles(reports["gradient_descent", "wrong", "en"].read_text(encoding="utf-8"))
    right, wrong = right["test_train_example"], wrong["test_train_example"]
    course = _vertices(right, "reference")
    assert len(course) == 101, "the course's error after each of its 100 epochs, and before"
    assert course[-1][1] > course[0][1], "the course's error falls (lower on the chart)"
    yours = _vertices(right, "learner")
    assert len(yours) >= 10
    assert all(min(math.dist(point, other) for other in course) < 0.5 for point in yours)
    assert all(abs(a - b) < 0.5 for a, b in zip(_last_line(right, "learner"),
                                                _last_line(right, "reference"), strict=True))
    # A train that drops the bias keeps its line through the origin: its error stays high.
    assert _vertices(wrong, "learner")[-1][1] < _vertices(wrong, "reference")[-1][1] - 20
    assert _last_line(wrong, "learner") != _last_line(wrong, "reference")
    assert len(re.findall(r"<circle ", wrong)) == 16, "the 16 points under the lines"


def test_squared_errors_chart_draws_the_losses_train_returns_beside_the_courses(reports):
    right = _articles(reports["squared_error", "right", "en"].read_text(encoding="utf-8"))
    wrong = _articles(reports["squared_error", "wrong", "en"].read_text(encoding="utf-8"))
    right, wrong = right["test_train_example"], wrong["test_train_example"]
    course = _vertices(right, "reference")
    assert len(course) == 50, "one MSE after each of the 50 epochs"
    assert _vertices(right, "learner") == course
    assert _last_line(right, "learner") == _last_line(right, "reference")
    # del_w divided twice: steps 16 times too small, so the loss hardly falls.
    assert len(_vertices(wrong, "learner")) == 50
    assert _vertices(wrong, "learner")[-1][1] < course[-1][1] - 20
    assert _last_line(wrong, "learner") != _last_line(wrong, "reference")
    assert len(re.findall(r"<circle ", wrong)) == 16


def _graded(exercise: str, answer: str) -> dict:
    """The result JSON of a corpus answer, graded as the reports fixture grades it."""
    from click.testing import CliRunner

    from grader import cli

    outcome = CliRunner().invoke(cli.main, [
        "--lang", "en", "check", str(CORPUS_DIR / exercise / answer), "--exercise", exercise,
        "--seed", "20261130", "--format", "json"], catch_exceptions=False)
    return json.loads(outcome.stdout)


def _charts_of(result: dict, test_id: str) -> list[dict]:
    return next(test for test in result["tests"] if test["id"] == test_id).get("charts", [])


def test_the_bike_sharing_predictions_are_drawn_in_rides_over_the_real_counts():
    """The project's plot: the shown data set's first validation week, real counts as dots and
    the predictions un-standardised to rides per hour; a hidden test draws its losses and the
    bound only."""
    import numpy as np

    from grader.course import datasets

    result = _graded("neural_network", "right/loops_over_units.py")
    losses, validation, predictions = _charts_of(result,
                                                 "test_trains_on_the_shown_bike_sharing_data")
    rides = datasets.hourly_rides(np.random.default_rng(20261130), 400)["cnt"].to_numpy()
    real = rides[-35 * 24:][:7 * 24]
    series = {item["role"]: np.array(item["points"]) for item in predictions["series"]}
    assert series["data"][:, 1].tolist() == real.tolist()
    for role in ("learner", "reference"):
        assert series[role].shape == (7 * 24, 2)
        assert np.corrcoef(series[role][:, 1], real)[0, 1] > 0.8
        assert abs(series[role][:, 1].mean() / real.mean() - 1) < 0.3
    assert [item["role"] for item in losses["series"]] == ["learner", "reference"]
    assert len(losses["series"][0]["points"]) >= 20
    hidden = _charts_of(result, "test_trains_on_bike_sharing_data")
    assert [[item["role"] for item in chart["series"]] for chart in hidden] == \
        [["learner", "bound"], ["learner", "bound"]]


def test_a_diverging_networks_loss_curve_stops_where_it_leaves_the_references_range():
    result = _graded("neural_network", "wrong/sign_flipped.py")
    for chart in _charts_of(result, "test_trains_on_the_shown_bike_sharing_data")[:2]:
        yours, ours = ([y for _x, y in item["points"]] for item in chart["series"])
        assert max(yours, default=0.0) <= 4 * max(ours)


def test_the_course_models_are_drawn_as_bars_of_the_learners_values_beside_the_right_ones():
    """Model A's and B's cross entropy, the learner's (log base 10: the right ones / ln 10)
    beside the course's 4.78 and 1.20, and the likelihood's bars likewise."""
    import math

    result = _graded("multiclass_cross_entropy", "wrong/log_base_10.py")
    chart, = _charts_of(result, "test_cross_entropy_seed_models")
    bars = {item["role"]: item["points"] for item in chart["series"]}
    right = [-(math.log(0.6) + math.log(0.2) + math.log(0.1) + math.log(0.7)),
             -(math.log(0.7) + math.log(0.9) + math.log(0.8) + math.log(0.6))]
    assert [x for x, _y in bars["reference"]] == [x for x, _y in bars["learner"]] == [0, 1]
    assert [y for _x, y in bars["reference"]] == pytest.approx(right, rel=1e-5)
    assert [y for _x, y in bars["learner"]] == pytest.approx(
        [value / math.log(10) for value in right], rel=1e-5)
    likelihood, = _charts_of(result, "test_likelihood_seed_models")
    reference = {item["role"]: item["points"] for item in likelihood["series"]}["reference"]
    assert [y for _x, y in reference] == pytest.approx(
        [0.6 * 0.2 * 0.1 * 0.7, 0.7 * 0.9 * 0.8 * 0.6], rel=1e-5)


def test_an_activation_is_drawn_where_it_differs_and_tanh_always():
    """A leaky relu is drawn over the course's relu, and shows 0.01 * x below 0; a right relu
    is not drawn (nothing to see), while tanh, the section's own function, always is."""
    import numpy as np

    wrong = _graded("activations", "wrong/leaky_relu.py")
    relu, = _charts_of(wrong, "test_relu")
    curves = {item["role"]: np.array(item["points"]) for item in relu["series"]}
    x = curves["reference"][:, 0]
    assert x.min() == -4 and x.max() == 4 and 0 in x
    assert curves["reference"][:, 1].tolist() == np.maximum(0, x).tolist()
    assert curves["learner"][:, 1] == pytest.approx(np.where(x > 0, x, 0.01 * x))
    right = _graded("activations", "right/other_forms.py")
    assert [test["id"] for test in right["tests"] if test.get("charts")] == ["test_tanh"]
    assert [test["id"] for test in wrong["tests"] if test.get("charts")] == [
        "test_tanh", "test_relu", "test_relu_prime"]


def test_the_sentiment_accuracy_is_drawn_while_training_and_ends_where_one_pass_ends():
    """Trained chunk by chunk for the picture, a right network follows the course's network
    review for review: the same accuracy before training (every output 0.5, all POSITIVE) and
    at every point after; the hidden test draws the learner's curve and the 85% bound only."""
    result = _graded("sentiment_network", "right/dicts_and_fancy_indexing.py")
    chart, = _charts_of(result, "test_accuracy_on_the_shown_reviews")
    curves = {item["role"]: item["points"] for item in chart["series"]}
    assert curves["learner"] == curves["reference"]
    assert curves["learner"][0][0] == 0 and curves["learner"][-1][0] == 2500
    assert 0.3 < curves["learner"][0][1] < 0.7 < 0.85 < curves["learner"][-1][1]
    assert curves["bound"] == [[0, 0.85], [2500, 0.85]]
    hidden, = _charts_of(result, "test_accuracy_on_generated_reviews")
    assert [item["role"] for item in hidden["series"]] == ["learner", "bound"]


def test_the_stopping_point_is_marked_at_the_learners_epoch_and_at_the_courses(reports):
    """A stop counted from 1: on [0.9, 0.7, 0.5, 0.6, 0.8] with patience 2 the course stops at
    epoch 4 (0.6 and 0.8 are no better than 0.5), the learner one later; a right answer's stop
    on the drawn run (patience 3) is epoch 6, where 0.52, 0.5, 0.51 are no better than 0.5."""
    wrong = _articles(reports["early_stopping", "wrong", "en"].read_text(encoding="utf-8"))
    article = wrong["test_stopping_point"]
    assert "Marked: your stop at 5. Marked: the course&#39;s stop at 4." in article
    assert article.count('<circle class="data-0"') == 5, "the run's five validation errors"
    lines = re.findall(r'<line class="mark" x1="([\d.]+)"', article)
    assert len(lines) == 2 and float(lines[0]) > float(lines[1])
    right = _articles(reports["early_stopping", "right", "en"].read_text(encoding="utf-8"))
    article = right["test_stopping_point"]
    assert "Marked: your stop at 6. Marked: the course&#39;s stop at 6." in article
    assert article.count('<circle class="data-0"') == 12
    labels = re.findall(r'<text class="mark-label" x="[\d.]+" y="([\d.]+)"', article)
    assert len(set(labels)) == 2, "two marks at one epoch keep their labels apart"
    chinese = reports["early_stopping", "wrong", "zh"].read_text(encoding="utf-8")
    assert "你的停止点" in chinese and "课程的停止点" in chinese


def _curves(article: str) -> dict[str, list[tuple[float, float]]]:
    """Each polyline's points (in pixels) by its classes."""
    return {classes: [tuple(map(float, point.split(","))) for point in points.split()]
            for classes, points in re.findall(r'<polyline class="([\w ]+)" points="([^"]+)"',
                                              article)}


def test_the_loss_with_and_without_momentum_is_drawn_per_step_yours_over_the_courses(reports):
    """velocity = beta * velocity + (1 - beta) * gradient: without momentum (beta 0) it is
    plain gradient descent, as the course's; with beta 0.9 it is not, and its loss is not the
    course's. The other convention's right answer draws the course's curves exactly."""
    wrong = _articles(reports["sgd_momentum", "wrong", "en"].read_text(encoding="utf-8"))
    curves = _curves(wrong["test_momentum_example"])
    assert sorted(curves) == ["learner", "learner alt", "reference", "reference alt"]
    assert all(len(points) > 20 for points in curves.values()), "one point per step"
    assert curves["learner alt"] == curves["reference alt"]
    assert curves["learner"] != curves["reference"]
    legend = re.findall(r"</span>([^<]+)</li>", wrong["test_momentum_example"])
    assert legend == ["the course&#39;s, beta = 0.9", "the course&#39;s, beta = 0",
                      "yours, beta = 0.9", "yours, beta = 0"]
    right = _articles(reports["sgd_momentum", "right", "en"].read_text(encoding="utf-8"))
    curves = _curves(right["test_momentum_example"])
    assert curves["learner"] == curves["reference"]
    assert curves["learner alt"] == curves["reference alt"]
    assert curves["learner"][-1][1] > curves["learner alt"][-1][1], \
        "with momentum the loss ends lower (a larger pixel y)"
    chinese = reports["sgd_momentum", "wrong", "zh"].read_text(encoding="utf-8")
    assert "你的结果，beta = 0.9" in chinese and "每一步的训练损失" in chinese


def test_the_kept_fraction_per_call_is_drawn_around_keep_prob_and_nothing_else(reports):
    """Choosing exactly 700 of 1,000 units keeps 0.7 on every call, a flat line on keep_prob;
    keeping each unit on its own scatters around it. A hidden test: the learner's fractions
    and keep_prob (which its message names) only."""
    for kind in ("wrong", "right"):
        page = reports["dropout", kind, "en"].read_text(encoding="utf-8")
        article = _articles(page)["test_number_kept_varies"]
        opening = page.split('id="test-test_number_kept_varies"')[1][:200]
        assert 'data-visibility="hidden"' in opening
        assert re.findall(r'<polyline class="(\w+)"', article) == ["learner", "bound"]
        said = re.search(r'aria-label="([^"]+)"', article).group(1)
        assert "Yours: 30 points" in said and "keep_prob: 2 points, from (1, 0.7) to (30, 0.7)" \
            in said
        learner = _curves(article)["learner"]
        heights = {y for _x, y in learner}
        assert len(learner) == 30
        assert (len(heights) == 1) == (kind == "wrong")
    chinese = reports["dropout", "wrong", "zh"].read_text(encoding="utf-8")
    assert "保留比例" in chinese


def test_the_weights_under_l1_and_l2_are_drawn_as_the_idea_says(reports):
    """A right answer: over the course's weights in [-2, 2] with lam 0.1, its L1 gradient
    goes from -0.1 to 0.1 (a step: every weight is pulled by the same amount) and its L2
    gradient is the line 0.2 w, as the course's; after training, its useless weights are at
    most 0.01 under L1 and at least 0.015 under L2. A regularized_step with the kinds swapped
    has right gradients, but L1's training leaves them large and L2's drives them to 0: the
    bars cross their bounds. The hidden charts hold no data or course's values."""
    right = _articles(reports["regularization", "right", "en"].read_text(encoding="utf-8"))
    said = re.search(r'aria-label="([^"]+)"', right["test_gradient_examples"]).group(1)
    assert "yours, L1: 41 points, from (-2, -0.1) to (2, 0.1)." in said
    assert "yours, L2: 41 points, from (-2, -0.4) to (2, 0.4)." in said
    curves = _curves(right["test_gradient_examples"])
    assert curves["learner"] == curves["reference"]
    assert curves["learner alt"] == curves["reference alt"]
    for kind in ("right", "wrong"):
        articles = _articles(reports["regularization", kind, "en"].read_text(encoding="utf-8"))
        for test_id, bound, under in (
                ("test_l1_makes_useless_weights_zero", "at most 0.01", True),
                ("test_l2_keeps_weights_small_but_nonzero", "at least 0.015", False)):
            article = articles[test_id]
            assert 'class="reference' not in article and 'class="data-' not in article
            bars = [float(value) for value in
                    re.findall(r"<title>Yours: ([\d.e-]+)</title>", article)]
            assert len(bars) == 5, "the five useless features"
            level = float(bound.split()[-1])
            assert all((bar <= level) == (under == (kind == "right")) for bar in bars), \
                (kind, test_id, bars)
            assert f"</span>{bound}</li>" in article
    chinese = reports["regularization", "wrong", "zh"].read_text(encoding="utf-8")
    assert "惩罚项的梯度" in chinese and "无用特征的权重" in chinese
