"""The pytest plugin that turns a suite run into per-test results.

Markers give each test its points (`points(n)`), visibility (`hidden`), the catalog hint that
helps with it (`hint(n)`), a time limit (`timeout(seconds)`) and the `optional` label. The
plugin provides the fixtures suites use: `submission` (the learner's module, behind the trust
boundary), `reference` (the solution, imported here on the trusted side), `rng` (seeded per run
and per test), `learner` (the learner-process session, for seeding its NumPy state) and `chart`
(records a picture of the test for the report, see `ChartRecorder`).
"""

from __future__ import annotations

import importlib.util
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

import numpy as np
import pytest

from grader.boundary.proxy import Remote, Session
from grader.core import compare
from grader.course import paths as course
from grader.course.catalog import Exercise
from grader.feedback import LearnerProblem
from grader.i18n import _
from grader.results import (
    MAX_CHART_TEXT,
    MAX_CHARTS,
    MAX_MARKS,
    MAX_POINTS,
    MAX_SERIES,
    Chart,
    ChartKind,
    Details,
    Mark,
    Role,
    Series,
    Status,
    TestResult,
    Visibility,
    fit_for_hidden,
)

MARKERS = (
    "points(n): the points this test is worth",
    "hidden: the learner sees only the name, the verdict and the hint",
    "hint(n): the catalog hint (1-based) that helps with this test",
    "timeout(seconds): the wall-clock limit for this test",
    "optional: a challenge: reported, but it never stands between the learner and full marks",
    "twin(test_name): a visible example's points count only when this hidden test, the same "
    "computation on random inputs, passes too",
)


class GradingPlugin:
    def __init__(self, exercise: Exercise, session: Session, seed: int) -> None:
        self.exercise = exercise
        self.session = session
        self.seed = seed
        self.results: dict[str, TestResult] = {}
        self.order: list[str] = []
        self.problems: list[str] = []
        self.twins: dict[str, str] = {}
        self.charts: dict[str, list[Chart]] = {}

    def pytest_configure(self, config: pytest.Config) -> None:
        for marker in MARKERS:
            config.addinivalue_line("markers", marker)

    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        by_name = {item.name: item for item in items}
        for item in items:
            self.order.append(item.nodeid)
            if item.get_closest_marker("points") is None:
                self.problems.append(f"{item.nodeid} has no points marker")
            hint = item.get_closest_marker("hint")
            if hint and not 1 <= hint.args[0] <= len(self.exercise.hints):
                self.problems.append(f"{item.nodeid} names hint {hint.args[0]}, which is missing")
            twin = item.get_closest_marker("twin")
            if twin:
                other = by_name.get(twin.args[0])
                if other is None or other.get_closest_marker("hidden") is None \
                        or item.get_closest_marker("hidden") is not None:
                    self.problems.append(f"{item.nodeid}: a twin must be a hidden test of the "
                                         f"same suite, and {twin.args[0]} is not")
                else:
                    self.twins[item.nodeid] = other.nodeid

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        marker = item.get_closest_marker("timeout")
        seconds = marker.args[0] if marker else self.session.limits.test_seconds
        self.session.start_test(seconds)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo):
        report = yield
        if report.when == "call" or (report.when == "setup" and not report.passed):
            self.results[item.nodeid] = self._result(item, report, call)
        return report

    def _result(self, item: pytest.Item, report: pytest.TestReport,
                call: pytest.CallInfo) -> TestResult:
        points = float(item.get_closest_marker("points").args[0])
        visible = item.get_closest_marker("hidden") is None
        hint_marker = item.get_closest_marker("hint")
        hint_number = hint_marker.args[0] if hint_marker else 1
        status, message, details = Status.PASSED, None, None
        if report.skipped:
            status, points = Status.SKIPPED, 0.0
            message = _skip_reason(call)
        elif report.failed:
            status, message, details = self._failure(call.excinfo.value, visible)
        return TestResult(
            id=item.name,
            name=_display_name(item),
            status=status,
            score=points if status is Status.PASSED else 0.0,
            max_score=points,
            visibility=Visibility.VISIBLE if visible else Visibility.HIDDEN,
            message=message,
            hint=None if status is Status.PASSED else _(self.exercise.hints[hint_number - 1]),
            hint_number=None if status is Status.PASSED else hint_number,
            duration_s=round(report.duration, 4),
            details=details,
            optional=item.get_closest_marker("optional") is not None,
            charts=tuple(self.charts.get(item.nodeid, ())),
        )

    def _failure(self, error: BaseException, visible: bool):
        shown_input = compare.shown_input(error)
        if isinstance(error, compare.Mismatch):
            details = Details(shown_input, error.expected, error.actual, error.detail)
            return Status.FAILED, error.message(visible), details if visible else None
        if isinstance(error, LearnerProblem):
            details = Details(input=shown_input) if visible and shown_input else None
            return error.status, error.message, details
        if isinstance(error, AssertionError):
            return Status.FAILED, str(error).strip() or _("This check failed."), None
        self.problems.append(f"{type(error).__name__}: {error}")
        return (Status.ERROR, _("The grader could not check this result ({error}). Please "
                                "report it to your instructor.").format(
                                    error=type(error).__name__), None)

    @pytest.fixture
    def submission(self) -> Remote:
        return self.session.module()

    @pytest.fixture
    def learner(self) -> Session:
        return self.session

    @pytest.fixture
    def chart(self, request: pytest.FixtureRequest) -> ChartRecorder:
        return ChartRecorder(self.charts.setdefault(request.node.nodeid, []),
                             hidden=request.node.get_closest_marker("hidden") is not None,
                             session=self.session)

    @pytest.fixture(scope="session")
    def reference(self) -> Any:
        path = course.solution_path(self.exercise.name)
        spec = importlib.util.spec_from_file_location(f"reference_{self.exercise.name}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    @pytest.fixture
    def rng(self, request: pytest.FixtureRequest) -> np.random.Generator:
        return np.random.default_rng([self.seed, zlib.crc32(request.node.nodeid.encode())])

    def ordered_results(self) -> tuple[TestResult, ...]:
        return tuple(self._gated(nodeid, self.results[nodeid]) for nodeid in self.order
                     if nodeid in self.results)

    def _gated(self, nodeid: str, result: TestResult) -> TestResult:
        """A visible example whose hidden twin failed earns nothing: its answer may have been
        copied from the report rather than computed."""
        twin = self.results.get(self.twins.get(nodeid, ""))
        if twin is None:
            return result
        if result.status is not Status.PASSED or twin.status is Status.PASSED:
            return replace(result, twin=twin.name)
        return replace(
            result, status=Status.FAILED, score=0.0, twin=twin.name, gated=True,
            hint=twin.hint, hint_number=twin.hint_number,
            message=_("Your answer matches this example, but not the same computation on other "
                      "inputs: the hidden test \u201c{twin}\u201d fails. This example's points "
                      "count once that test passes too; its message says what goes "
                      "wrong.").format(twin=twin.name))


class ChartRecorder:
    """What a suite calls to put a chart of its test in the report:
    `chart("curve", title, x_label, y_label, [(label, "learner", points), ...], marks)`, the
    points any (n, 2) array-like, the marks (x, label) pairs. The learner's values arrive as
    they are, so a point that is not a finite number is left out (a line through nan cannot be
    drawn) and each number keeps 6 significant digits, which a picture cannot show finer.

    A hidden test's chart may hold the learner's series and a bound only: the expected values and
    the random inputs are what the test keeps hidden. Anything else is the suite's mistake, an
    error that stops the grading (the worker's exit 3), never a chart that gives the answer away.

    Series, marks and texts beyond the caps a result may hold are cut here, so that a long
    answer costs the end of its picture rather than a result the reader refuses.
    """

    def __init__(self, charts: list[Chart], hidden: bool,
                 session: Session | None = None) -> None:
        self._charts = charts
        self._hidden = hidden
        self._session = session

    @contextmanager
    def runs(self, seconds: float) -> Iterator[None]:
        """Calls of the learner's code made only for the picture, after or beside the graded
        ones: they get at most `seconds` of the test's time, and a call that runs out of it is
        not remembered as hung. A remembered call gets one second in later tests, so without
        this a train whose picture needs many calls (slow per call, fast in one) would time
        out in a later graded test only because of the picture. The suite catches the
        LearnerProblem and draws nothing; a block ends at its first failed call."""
        session = self._session
        deadline, hung = session.test_deadline, set(session.hung)
        session.test_deadline = min(deadline, time.monotonic() + seconds)
        try:
            yield
        finally:
            session.hung.intersection_update(hung)
            session.test_deadline = max(deadline, session.test_deadline)

    def __call__(self, kind: str, title: str, x_label: str, y_label: str, series,
                 marks=()) -> None:
        drawn = Chart(
            kind=ChartKind(kind), title=_cut(title), x_label=_cut(x_label),
            y_label=_cut(y_label),
            series=tuple(Series(_cut(label), Role(role), _points(
                points, pairs=kind == ChartKind.PLANE and role != Role.DATA))
                         for label, role, points in series),
            marks=tuple(Mark(_short(x), _cut(label)) for x, label in marks
                        if _finite(x) is not None)[:MAX_MARKS])
        if self._hidden and not fit_for_hidden(drawn):
            raise ValueError(f"the chart {title!r} of a hidden test holds "
                             f"{', '.join(sorted({s.role.value for s in drawn.series}))} series; "
                             "a hidden test's chart may show only the learner's and a bound")
        drawn = replace(drawn, series=drawn.series[:MAX_SERIES])
        if len(self._charts) < MAX_CHARTS:
            self._charts.append(drawn)


def _points(points: Any, pairs: bool) -> tuple[tuple[float, float], ...]:
    """The finite points; for a plane's line segments (`pairs`), the segments whose both ends
    are finite, so that the pairs stay pairs. Values that are not plain numbers (an int too
    large for a float, text, ragged lists) leave the series empty: a learner's odd answer costs
    its picture, never the grading."""
    try:
        array = np.asarray(points, dtype=float).reshape(-1, 2 if pairs else 1, 2)
    except (ValueError, TypeError, OverflowError):
        return ()
    array = array[np.isfinite(array).all(axis=(1, 2))].reshape(-1, 2)[:MAX_POINTS]
    return tuple((_short(x), _short(y)) for x, y in array)


def _finite(value: Any) -> float | None:
    try:
        number = float(value)
    except (ValueError, TypeError, OverflowError):
        return None
    return number if np.isfinite(number) else None


def _cut(text: str) -> str:
    return text if len(text) <= MAX_CHART_TEXT else f"{text[:MAX_CHART_TEXT - 1]}\u2026"


def _short(value: float) -> float:
    return float(f"{float(value):.6g}")


def _display_name(item: pytest.Item) -> str:
    """The test's name for the learner: its docstring's first line, translated (see
    i18n_extract.extract_suite), then filled with the test's parameters."""
    doc = (getattr(item, "function", None).__doc__ or "").strip().splitlines()
    name = _(doc[0].strip()) if doc else item.name.removeprefix("test_").replace("_", " ")
    callspec = getattr(item, "callspec", None)
    if callspec is not None:
        try:
            return name.format(**callspec.params)
        except (KeyError, IndexError, ValueError):
            return f"{name} [{callspec.id}]"
    return name


def _skip_reason(call: pytest.CallInfo) -> str | None:
    if call.excinfo is None:
        return None
    reason = str(getattr(call.excinfo.value, "msg", "") or call.excinfo.value)
    return reason.removeprefix("Skipped: ") or None
