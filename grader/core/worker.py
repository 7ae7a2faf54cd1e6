"""The trusted grading process: runs one exercise's suite against one submission.

It is started by `grading.grade` with the job on stdin and answers with the result JSON on its
stdout, which nothing else writes to: pytest's own output goes to /dev/null. The learner's code
never runs here; the suite reaches it through the learner process (see boundary/).
"""

from __future__ import annotations

import ast
import json
import os
import sys
import tempfile
import time
from dataclasses import fields, replace
from pathlib import Path

from grader import __version__, i18n
from grader.boundary.launch import Limits, make_undumpable
from grader.boundary.proxy import Session
from grader.core.notebooks import Cells
from grader.course import catalog
from grader.feedback import NOT_STARTED
from grader.i18n import N_, _, counted
from grader.results import (
    MAX_CHART_TEXT,
    MAX_CHARTS,
    MAX_MARKS,
    MAX_POINTS,
    MAX_SERIES,
    Chart,
    Details,
    LeftOut,
    Result,
    Status,
    TestResult,
    Visibility,
    overall_status,
    timestamp,
)

# The result JSON stays under 1 MB (DESIGN.md), measured as `--format json` prints it.
MAX_RESULT_BYTES = 900 * 1024
MAX_MESSAGE = 8_000
MAX_DETAIL = 2_000
MAX_NAME = 300
MAX_OUTPUT = 80 * 1024  # the 64 KiB the learner process keeps, and its notice
SHORT_MESSAGE = 1_000
SHORT_OUTPUT = 4 * 1024
CUT_NOTICE = N_("[cut: the report keeps the first {size:,} characters of this text]")


class SuiteFailed(Exception):
    """The suite itself did not run as designed: a grader bug, never the learner's fault."""


def run(job: dict) -> Result:
    started = time.monotonic()
    i18n.use(job.get("lang", i18n.ENGLISH))
    try:
        course = catalog.for_job(job.get("course"))
    except catalog.CourseError as error:
        raise SuiteFailed(f"the course cannot be loaded: {error}") from None
    catalog.use(course)
    course.importable()
    exercise = course.get(job["exercise"])
    limits = Limits(**job.get("limits", {}))
    seed = int(job["seed"])
    output_fd = _output_file()
    cells = Cells.from_json(job["cells"]) if job.get("cells") else None
    session = Session(job["source"].encode("utf-8"), job["label"], limits, output_fd,
                      job.get("isolation"),
                      callables=_stub_callables(course.stub_path(exercise.name)), cells=cells)
    try:
        session.spawn()
        import pytest

        plugin, code = run_suite(course, exercise, session, seed)
    finally:
        session.close()
    tests = plugin.ordered_results()
    not_started = i18n.variants(NOT_STARTED)  # a suite's own message may still be English
    if code not in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED) or plugin.problems \
            or not tests:
        raise SuiteFailed(_("the {exercise} suite did not run cleanly (pytest exit code "
                            "{code}): {problems}").format(exercise=exercise.name, code=int(code),
                                                          problems="; ".join(plugin.problems)))
    score = sum(test.score for test in tests)
    max_score = sum(test.max_score for test in tests)
    status, message = overall_status(score, max_score), None
    if session.import_problem is not None:
        status, message = Status.ERROR, session.import_problem.message
    elif all(test.status is Status.SKIPPED or (test.message or "").startswith(not_started)
             for test in tests):
        first = next((test.message for test in tests
                      if (test.message or "").startswith(not_started)), "")
        # Quizzes that start from values (the gate weights) say which values in their own words.
        message = (_("Not started yet: every test still meets `raise NotImplementedError`. Open "
                     "{file}, replace it with your code, and check again.").format(
                         file=job["label"])
                   if "NotImplementedError" in first or not first else first)
    return bounded(Result(
        exercise=exercise.name,
        title=i18n.gettext(exercise.title),
        submission=job["label"],
        status=status,
        score=score,
        max_score=max_score,
        message=message,
        duration_s=round(time.monotonic() - started, 3),
        output=_read_output(output_fd, limits.output_bytes),
        tests=tests,
        isolation=session.isolation,
        seed=seed,
        grader_version=__version__,
        graded_at=timestamp(),
        lang=i18n.current(),
        notebook=cells.origin if cells is not None else None,
        left_out=tuple(LeftOut(**item) for item in job.get("left_out", ())),
    ))


def run_suite(course: catalog.Course, exercise: catalog.Exercise, session, seed: int):
    """Run the exercise's suite in this process against `session` (a `Session`, or anything
    that answers like one: bench/limit.py's stand-in); the plugin with its results, and
    pytest's exit code."""
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    import pytest

    from grader.core.plugin import GradingPlugin

    plugin = GradingPlugin(exercise, session, seed)
    code = pytest.main(
        [str(course.suite_path(exercise.name)), "-q", "--noconftest", "--assert=plain",
         "--tb=native", "-p", "no:cacheprovider", "-p", "no:stepwise", "-c", os.devnull,
         "--rootdir", str(course.suites_dir), "-W", "ignore::DeprecationWarning"],
        plugins=[plugin])
    return plugin, code


def bounded(result: Result, limit: int = MAX_RESULT_BYTES) -> Result:
    """The result cut to at most `limit` bytes of JSON, whatever the learner's code did.

    The wire and the suites bound what reaches a message; this is the last line of defence
    behind them, and every cut says so where it is made. First each text is cut to its own
    size; then, only if that is not enough, the output and the messages are cut shorter and the
    details and charts dropped; and last the tests that do not fit are folded into one line that
    keeps their points, so the score still adds up.
    """
    result = replace(result, message=_cut(result.message, MAX_MESSAGE),
                     output=_cut(result.output, MAX_OUTPUT),
                     tests=tuple(_test_cut(test, MAX_MESSAGE, keep_details=True)
                                 for test in result.tests))
    if _fits(result, limit):
        return result
    result = replace(result, output=_cut(result.output, SHORT_OUTPUT),
                     tests=tuple(_test_cut(test, SHORT_MESSAGE, keep_details=False)
                                 for test in result.tests))
    if _fits(result, limit):
        return result
    return _folded(result, limit)


def _cut(text: str | None, size: int) -> str | None:
    if text is None or len(text) <= size:
        return text
    return text[:size] + "\n" + _(CUT_NOTICE).format(size=size)


def _test_cut(test: TestResult, message_size: int, keep_details: bool) -> TestResult:
    details = test.details
    if details is not None:
        details = Details(*(_cut(getattr(details, part.name), MAX_DETAIL)
                            for part in fields(Details))) if keep_details else None
    return replace(test, id=_cut(test.id, MAX_NAME), name=_cut(test.name, MAX_NAME),
                   message=_cut(test.message, message_size), hint=_cut(test.hint, MAX_MESSAGE),
                   twin=_cut(test.twin, MAX_NAME), details=details,
                   charts=tuple(map(_chart_cut, test.charts[:MAX_CHARTS])) if keep_details
                   else ())


def _chart_cut(chart: Chart) -> Chart:
    """The chart within the caps `Result.from_dict` holds it to; a label cut ends with "…"."""
    return replace(
        chart, title=_label_cut(chart.title), x_label=_label_cut(chart.x_label),
        y_label=_label_cut(chart.y_label),
        series=tuple(replace(series, label=_label_cut(series.label),
                             points=series.points[:MAX_POINTS])
                     for series in chart.series[:MAX_SERIES]),
        marks=tuple(replace(mark, label=_label_cut(mark.label))
                    for mark in chart.marks[:MAX_MARKS]))


def _label_cut(text: str) -> str:
    return text if len(text) <= MAX_CHART_TEXT else text[:MAX_CHART_TEXT - 1] + "…"


def _folded(result: Result, limit: int) -> Result:
    """The first tests that fit in `limit`, and one line for the rest."""
    room = limit - _size(replace(result, tests=(_summary(result.tests),))) - 1024
    empty = replace(result, message=None, output="", tests=())
    base = _size(empty)
    kept: list[TestResult] = []
    for test in result.tests:
        room -= _size(replace(empty, tests=(test,))) - base + 8
        if room < 0:
            break
        kept.append(test)
    rest = result.tests[len(kept):]
    return replace(result, tests=(*kept, _summary(rest)))


def _summary(tests: tuple[TestResult, ...]) -> TestResult:
    failed = sum(test.status is not Status.PASSED for test in tests)
    score = sum(test.score for test in tests)
    max_score = sum(test.max_score for test in tests)
    return TestResult(
        id="more_tests", name=counted(len(tests), "{n:,} more test", "{n:,} more tests"),
        status=Status.FAILED if failed else Status.PASSED, score=score, max_score=max_score,
        visibility=Visibility.HIDDEN,
        message=counted(len(tests),
                        "The report has no room for {n:,} more test: it scored {score:g} of "
                        "{max_score:g} points.",
                        "The report has no room for {n:,} more tests: together they scored "
                        "{score:g} of {max_score:g} points, and {failed:,} of them did not "
                        "pass.", score=score, max_score=max_score, failed=failed))


def _fits(result: Result, limit: int) -> bool:
    """Whether the JSON is at most `limit` bytes; counting characters first spares writing out
    a result that is far too big (each character is at least one byte)."""
    texts = [result.message, result.output]
    for test in result.tests:
        texts += [test.message, test.hint, test.name]
        if test.details is not None:
            texts += [getattr(test.details, part.name) for part in fields(Details)]
    return sum(len(text) for text in texts if text) <= limit and _size(result) <= limit


def _size(result: Result) -> int:
    return len(result.to_json(indent=2).encode("utf-8"))


def _stub_callables(stub: Path) -> frozenset[str]:
    """The functions and classes the exercise's stub defines: the learner's must be callable."""
    try:
        tree = ast.parse(stub.read_bytes())
    except (OSError, SyntaxError, ValueError):
        return frozenset()
    kinds = (ast.FunctionDef, ast.ClassDef)
    return frozenset(node.name for node in tree.body if isinstance(node, kinds))


def _output_file() -> int:
    """An unlinked file the learner process appends its stdout and stderr to."""
    handle, path = tempfile.mkstemp(prefix="nn-grader-output-")
    os.close(handle)
    fd = os.open(path, os.O_RDWR | os.O_APPEND)
    os.unlink(path)
    return fd


def _read_output(fd: int, shown: int) -> str:
    """What the learner's code printed, cut at `shown` bytes with a notice if there was more."""
    size = os.fstat(fd).st_size
    text = os.pread(fd, shown, 0).decode("utf-8", errors="replace")
    if size > shown:
        text += "\n" + _("[output truncated: the report keeps the first {size} KiB of what your "
                         "code printed]").format(size=shown // 1024)
    return text


def main() -> None:
    results = os.fdopen(os.dup(1), "w", encoding="utf-8")
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    make_undumpable()
    job = json.loads(sys.stdin.read())
    try:
        result = run(job)
    except SuiteFailed as error:
        print(f"grader: {error}", file=sys.stderr)
        sys.exit(3)
    results.write(result.to_json())
    results.flush()
