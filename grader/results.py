"""The result of grading one submission: the one form every renderer and export reads.

Results cross process boundaries as JSON (worker to CLI, batch runs to results.jsonl), so the
dataclasses round-trip exactly through `to_json` and `from_json`.
"""

from __future__ import annotations

import datetime
import enum
import json
import math
import re
from dataclasses import asdict, dataclass, field
from typing import Any

SCHEMA = 1


class Status(enum.StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    ERROR = "error"
    TIMEOUT = "timeout"
    SKIPPED = "skipped"


class Visibility(enum.StrEnum):
    VISIBLE = "visible"
    HIDDEN = "hidden"


@dataclass(frozen=True)
class Details:
    """What a visible test shows: the input, the expected and actual values, and what differs."""

    input: str | None = None
    expected: str | None = None
    actual: str | None = None
    diff: str | None = None


class Role(enum.StrEnum):
    """Whose numbers a chart's series holds: the learner's, the course's reference, the bound a
    hidden test's value had to meet, or the test's input data (points both sides were given)."""

    LEARNER = "learner"
    REFERENCE = "reference"
    BOUND = "bound"
    DATA = "data"


class ChartKind(enum.StrEnum):
    """How a chart is drawn: `curve`, each series a line over x (loss per epoch); `plane`, data
    series as dots and every other series as line segments, one per pair of points (boundary
    lines over the points); `bars`, one group of bars per x (probabilities per class)."""

    CURVE = "curve"
    PLANE = "plane"
    BARS = "bars"


# What one test's charts may hold: the worker cuts to these, and a result beyond them is refused.
MAX_CHARTS = 4
MAX_SERIES = 8
MAX_POINTS = 200
MAX_MARKS = 4
MAX_CHART_TEXT = 200


@dataclass(frozen=True)
class Series:
    label: str
    role: Role
    points: tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class Mark:
    """A vertical line at `x` with its label: the epoch training stopped, say."""

    x: float
    label: str


@dataclass(frozen=True)
class Chart:
    """A picture of a test, as plain numbers, so that every renderer and export can draw it."""

    kind: ChartKind
    title: str
    x_label: str
    y_label: str
    series: tuple[Series, ...]
    marks: tuple[Mark, ...] = ()


def fit_for_hidden(chart: Chart) -> bool:
    """Whether a hidden test may show `chart`: only the learner's own values and the bound they
    had to meet, never the expected values or the random inputs, which would give the answer
    away as a hidden test's details would."""
    return all(series.role in (Role.LEARNER, Role.BOUND) for series in chart.series)


@dataclass(frozen=True)
class TestResult:
    id: str
    name: str
    status: Status
    score: float
    max_score: float
    visibility: Visibility
    message: str | None = None
    hint: str | None = None
    hint_number: int | None = None
    duration_s: float = 0.0
    details: Details | None = None
    optional: bool = False
    twin: str | None = None  # the hidden test this visible example's points depend on
    gated: bool = False  # right on its own, but its twin failed: not the first thing to fix
    charts: tuple[Chart, ...] = ()

    __test__ = False  # not a pytest test class, despite the name


@dataclass(frozen=True)
class LeftOut:
    """Lines of a notebook that are not part of the graded module, and why (`reason`: "magic",
    "shell", "help", "cell magic", "skip" or "syntax error"). `cell` is the cell's number counted
    from the top of the notebook, or an input's number (In [n]) when the code was taken from a
    kernel; `line` is the first line left out within it, `lines` how many."""

    cell: int
    line: int
    lines: int
    code: str  # the first line left out, as written
    reason: str


@dataclass(frozen=True)
class Result:
    exercise: str
    title: str
    submission: str
    status: Status
    score: float
    max_score: float
    message: str | None = None
    duration_s: float = 0.0
    output: str = ""
    tests: tuple[TestResult, ...] = ()
    isolation: str = ""
    seed: int | None = None
    grader_version: str = ""
    graded_at: str = ""
    lang: str = "en"  # the language the messages were written in; older results are English
    notebook: str | None = None  # "file": a notebook file's cells; "kernel": inputs run there
    left_out: tuple[LeftOut, ...] = ()
    schema: int = field(default=SCHEMA)

    @property
    def full_marks(self) -> bool:
        return self.status is Status.PASSED

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["status"] = self.status.value
        data["tests"] = [_test_dict(test) for test in self.tests]
        data["left_out"] = [asdict(item) for item in self.left_out]
        return {"schema": data.pop("schema"), **data}

    def to_json(self, indent: int | None = None) -> str:
        return json_text(self.to_dict(), indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Result:
        """The result `data` holds, every field checked: raises ValueError for anything this
        grader does not write (a hand-edited or damaged line of results.jsonl), so that such
        a result is graded again rather than rendered: a field of the wrong type or unknown,
        a number that is negative or not finite, a score above its maximum."""
        if not isinstance(data, dict) or data.get("schema") != SCHEMA:
            raise ValueError("not a result of schema 1")
        fields = _checked(data, _RESULT_FIELDS, "the result")
        fields["status"] = Status(fields["status"])
        if fields.get("notebook") not in (None, "file", "kernel"):
            raise ValueError("its notebook is neither 'file' nor 'kernel'")
        for key in ("tests", "left_out"):
            if not isinstance(fields.get(key, []), list):
                raise ValueError(f"its {key} is not a list")
        fields["tests"] = tuple(_test_from_dict(test) for test in fields.get("tests", []))
        fields["left_out"] = tuple(
            _built(LeftOut, _checked(item, _LEFT_OUT_FIELDS, "a left-out line"))
            for item in fields.get("left_out", []))
        return _built(cls, fields)

    @classmethod
    def from_json(cls, text: str) -> Result:
        return cls.from_dict(json.loads(text))


def _test_dict(test: TestResult) -> dict[str, Any]:
    data = asdict(test)
    data["status"] = test.status.value
    data["visibility"] = test.visibility.value
    if test.details is None:
        del data["details"]
    if test.charts:
        data["charts"] = [_chart_dict(chart) for chart in test.charts]
    else:  # a result without charts reads as it did before charts existed
        del data["charts"]
    return data


def _chart_dict(chart: Chart) -> dict[str, Any]:
    return {"kind": chart.kind.value, "title": chart.title, "x_label": chart.x_label,
            "y_label": chart.y_label,
            "series": [{"label": series.label, "role": series.role.value,
                        "points": [list(point) for point in series.points]}
                       for series in chart.series],
            "marks": [{"x": mark.x, "label": mark.label} for mark in chart.marks]}


def _test_from_dict(data: Any) -> TestResult:
    fields = _checked(data, _TEST_FIELDS, "a test")
    fields["status"] = Status(fields["status"])
    fields["visibility"] = Visibility(fields["visibility"])
    details = fields.get("details")
    fields["details"] = _built(Details, _checked(details, _DETAIL_FIELDS, "a test's details")) \
        if details is not None else None
    charts = fields.get("charts", [])
    if not isinstance(charts, list) or len(charts) > MAX_CHARTS:
        raise ValueError(f"a test's charts are not a list of at most {MAX_CHARTS}")
    fields["charts"] = tuple(_chart_from_dict(chart) for chart in charts)
    if fields["visibility"] is Visibility.HIDDEN and not all(map(fit_for_hidden, fields["charts"])):
        raise ValueError("a hidden test's chart holds more than the learner's values and a bound")
    return _built(TestResult, fields)


def _chart_from_dict(data: Any) -> Chart:
    fields = _checked(data, _CHART_FIELDS, "a chart")
    fields["kind"] = ChartKind(fields.get("kind"))
    _check_texts(fields, ("title", "x_label", "y_label"))
    series = fields.get("series")
    marks = fields.get("marks", [])
    if not isinstance(series, list) or not 0 < len(series) <= MAX_SERIES:
        raise ValueError(f"a chart's series are not a list of 1 to {MAX_SERIES}")
    if not isinstance(marks, list) or len(marks) > MAX_MARKS:
        raise ValueError(f"a chart's marks are not a list of at most {MAX_MARKS}")
    fields["series"] = tuple(_series_from_dict(item) for item in series)
    fields["marks"] = tuple(_mark_from_dict(item) for item in marks)
    return _built(Chart, fields)


def _series_from_dict(data: Any) -> Series:
    fields = _checked(data, _SERIES_FIELDS, "a chart's series")
    fields["role"] = Role(fields.get("role"))
    _check_texts(fields, ("label",))
    points = fields.get("points")
    if not isinstance(points, list) or len(points) > MAX_POINTS:
        raise ValueError(f"a series' points are not a list of at most {MAX_POINTS}")
    fields["points"] = tuple(_point(point) for point in points)
    return _built(Series, fields)


def _mark_from_dict(data: Any) -> Mark:
    fields = _checked(data, {"x": _ANY, "label": _TEXT}, "a chart's mark")
    _check_texts(fields, ("label",))
    fields["x"] = _finite(fields.get("x"))
    return _built(Mark, fields)


def _point(data: Any) -> tuple[float, float]:
    if not isinstance(data, list) or len(data) != 2:
        raise ValueError("a chart's point is not a pair of numbers")
    return _finite(data[0]), _finite(data[1])


def _finite(value: Any) -> float:
    if type(value) not in (int, float) or not math.isfinite(value):
        raise ValueError("a chart holds something other than a finite number")
    return float(value)


def _check_texts(fields: dict[str, Any], keys: tuple[str, ...]) -> None:
    for key in keys:
        if len(fields.get(key, "")) > MAX_CHART_TEXT:
            raise ValueError(f"a chart's {key} is longer than {MAX_CHART_TEXT} characters")


# What each field of a result may hold, as `to_dict` writes it.
_TEXT, _MAYBE_TEXT, _NUMBER, _INT, _MAYBE_INT, _FLAG, _ANY = range(7)
_RESULT_FIELDS = {"schema": _ANY, "exercise": _TEXT, "title": _TEXT, "submission": _TEXT,
                  "status": _TEXT, "score": _NUMBER, "max_score": _NUMBER,
                  "message": _MAYBE_TEXT, "duration_s": _NUMBER, "output": _TEXT,
                  "tests": _ANY, "isolation": _TEXT, "seed": _MAYBE_INT,
                  "grader_version": _TEXT, "graded_at": _TEXT, "lang": _TEXT,
                  "notebook": _MAYBE_TEXT, "left_out": _ANY}
_TEST_FIELDS = {"id": _TEXT, "name": _TEXT, "status": _TEXT, "score": _NUMBER,
                "max_score": _NUMBER, "visibility": _TEXT, "message": _MAYBE_TEXT,
                "hint": _MAYBE_TEXT, "hint_number": _MAYBE_INT, "duration_s": _NUMBER,
                "details": _ANY, "optional": _FLAG, "twin": _MAYBE_TEXT, "gated": _FLAG,
                "charts": _ANY}
_CHART_FIELDS = {"kind": _TEXT, "title": _TEXT, "x_label": _TEXT, "y_label": _TEXT,
                 "series": _ANY, "marks": _ANY}
_SERIES_FIELDS = {"label": _TEXT, "role": _TEXT, "points": _ANY}
_LEFT_OUT_FIELDS = {"cell": _INT, "line": _INT, "lines": _INT, "code": _TEXT, "reason": _TEXT}
_DETAIL_FIELDS = {"input": _MAYBE_TEXT, "expected": _MAYBE_TEXT, "actual": _MAYBE_TEXT,
                  "diff": _MAYBE_TEXT}


def _checked(data: Any, kinds: dict[str, int], what: str) -> dict[str, Any]:
    """`data`'s fields, each of the kind `kinds` names (numbers as floats); ValueError if not."""
    if not isinstance(data, dict):
        raise ValueError(f"{what} is not an object")
    fields = {}
    for key, value in data.items():
        kind = kinds.get(key)
        if kind is None:
            raise ValueError(f"{what} has an unknown field {key!r}")
        if kind == _NUMBER:
            if type(value) not in (int, float) or not 0 <= value < math.inf:
                raise ValueError(f"{what}'s {key} is not a finite number of at least 0")
            value = float(value)
        elif kind in (_INT, _MAYBE_INT):
            if (value is not None or kind == _INT) and (type(value) is not int or value < 0):
                raise ValueError(f"{what}'s {key} is not a whole number of at least 0")
        elif kind != _ANY and type(value) not in {_TEXT: (str,), _MAYBE_TEXT: (str, type(None)),
                                                  _FLAG: (bool,)}[kind]:
            raise ValueError(f"{what}'s {key} is of the wrong type")
        fields[key] = value
    if fields.get("score", 0.0) > fields.get("max_score", math.inf) + 1e-9:
        raise ValueError(f"{what} scores more than its maximum")
    return fields


def _built(kind: type, fields: dict[str, Any]) -> Any:
    try:
        return kind(**fields)
    except TypeError as error:  # a field missing
        raise ValueError(str(error)) from None


# The characters that reorder or break the text around them (bidirectional marks, embeddings,
# overrides and isolates, line and paragraph separators), as a regular expression's class
# body: every place that shows a learner's text escapes them (Trojan Source).
REORDERING = "\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069"
# What JSON leaves raw in a string and a terminal obeys: DEL, the C1 controls (U+009B is an
# escape sequence's start, like ESC [) and the reordering characters.
_RAW_CONTROL = re.compile(f"[\x7f-\x9f{REORDERING}]")


def json_text(data: Any, indent: int | None = None) -> str:
    """`data` as JSON that keeps letters of every script as they are but writes every control
    character as an escape (\\u009b), so that the text is safe to show in a terminal (`cat
    results.jsonl`, `grader check --format json`) and decodes to the very same strings."""
    text = json.dumps(data, indent=indent, ensure_ascii=False)
    return _RAW_CONTROL.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def overall_status(score: float, max_score: float) -> Status:
    """`passed` only at full marks."""
    if max_score > 0 and score >= max_score - 1e-9:
        return Status.PASSED
    return Status.FAILED


def timestamp() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
