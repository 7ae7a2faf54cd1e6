"""Gradescope's autograder `results.json`: the test entries, and one file per learner in
`OUT/gradescope/<learner>/` (`grader report --format gradescope`).

The fields follow Gradescope's published autograder specification ("Output format"): a top-level
`score`, `execution_time`, `output`, `visibility` and `stdout_visibility`, and `tests` with
`name`, `number`, `score`, `max_score`, `status` (passed or failed), `output`, `tags` and
`visibility`. Every text is plain (`output_format` and `name_format` "text"), so nothing a
learner's code says is read as HTML or Markdown. A visible test shows its message, what differs
(input, expected and actual values) and its hint; a hidden test shows its message and hint,
which never hold expected values, and is shown to learners when `hidden` says: here
`after_published`, so learners see hidden tests once the instructor publishes the grades. What
the learner's code printed stays with the instructor (stdout hidden). An exercise the learner
did not submit is one failed test worth its points, so every learner's results add up to the
same maximum. The autograder (autograder.py) builds its results.json from the same entries.
"""

from __future__ import annotations

from pathlib import Path

from grader.batch.classview import ClassView, LearnerRow
from grader.course import catalog
from grader.files import write_atomically
from grader.i18n import _
from grader.results import Result, Status, TestResult, Visibility, json_text

FOLDER = "gradescope"
VISIBILITIES = ("visible", "after_due_date", "after_published", "hidden")
TEXT = "text"


def results_json(view: ClassView, row: LearnerRow) -> dict:
    tests: list[dict] = []
    lines = []
    for number, exercise in enumerate(view.exercises, start=1):
        result = row.results.get(exercise.name)
        if result is None:
            lines.append(_("{title}: not submitted (0/{points})").format(
                title=_(exercise.title), points=exercise.points))
            tests.append(missing_entry(exercise, number, _("No file for {name} was found.").format(
                name=exercise.name)))
            continue
        lines.append(f"{exercise.title}: {result.score:g}/{result.max_score:g}")
        tests += result_entries(result, number, hidden="after_published")
    return {
        "score": row.total,
        "execution_time": round(sum(r.duration_s for r in row.results.values()), 3),
        "output": "\n".join(lines),
        "output_format": TEXT,
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": tests,
        "extra_data": {"learner": row.learner, "grader": f"nn-grader {view.grader_version}"},
    }


def result_entries(result: Result, number: int, *, hidden: str) -> list[dict]:
    """An exercise's tests as Gradescope test entries numbered `number.1`, `number.2`...; a
    result that could not be graded is one failed entry worth the exercise's points, visible,
    since the learner needs its message to fix the file. Hidden tests get visibility `hidden`."""
    if not result.tests or result.status is Status.ERROR:
        return [entry(_("{title}: could not be graded").format(title=result.title), f"{number}",
                      0.0,
                      result.max_score, "failed", result.message or "", result.exercise)]
    return [entry(f"{result.title}: {test.name}", f"{number}.{index}", test.score,
                  test.max_score, "passed" if test.status is Status.PASSED else "failed",
                  feedback_text(test), result.exercise,
                  hidden if test.visibility is Visibility.HIDDEN else "visible")
            for index, test in enumerate(result.tests, start=1)]


def feedback_text(test: TestResult) -> str:
    """What a test's entry says: its message, then for a visible test what differs, then its
    hint. A hidden test's details are never read, should a result ever carry them."""
    parts = [test.message or ""]
    details = test.details if test.visibility is Visibility.VISIBLE else None
    if details is not None and test.status is not Status.PASSED:
        parts.append("\n".join(label.format(value=value) for label, value in (
            (_("Input: {value}"), details.input), (_("Expected: {value}"), details.expected),
            (_("Your result: {value}"), details.actual)) if value))
    if test.hint and test.status is not Status.PASSED:
        parts.append(_("Hint {number}: {hint}").format(number=test.hint_number, hint=test.hint))
    return "\n\n".join(part for part in parts if part)


def missing_entry(exercise: catalog.Exercise, number: int, message: str) -> dict:
    return entry(_("{title}: not submitted").format(title=_(exercise.title)), f"{number}", 0.0,
                 float(exercise.points), "failed", message, exercise.name)


def entry(name: str, number: str, score: float, max_score: float, status: str, output: str,
          tag: str, visibility: str = "visible") -> dict:
    return {"name": name, "name_format": TEXT, "number": number, "score": score,
            "max_score": max_score, "status": status, "output": output, "output_format": TEXT,
            "tags": [tag], "visibility": visibility}


def write(out: Path, view: ClassView) -> list[Path]:
    paths = []
    for row in view.learners:
        path = out / FOLDER / row.slug / "results.json"
        write_atomically(path, json_text(results_json(view, row), indent=2), below=out)
        paths.append(path)
    return paths
