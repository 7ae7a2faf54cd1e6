"""Gradescope's autograder `results.json`, one per learner, in `OUT/gradescope/<learner>/`.

The fields follow Gradescope's published autograder specification ("Output format"): a top-level
`score`, `execution_time`, `output`, `visibility` and `stdout_visibility`, and `tests` with
`name`, `number`, `score`, `max_score`, `status` (passed or failed), `output`, `tags` and
`visibility`. Hidden tests are `after_published`, so learners see them only once the instructor
publishes the grades; what the learner's code printed stays with the instructor (stdout hidden).
An exercise the learner did not submit is one failed test worth its points, so every learner's
results add up to the same maximum.
"""

from __future__ import annotations

from pathlib import Path

from grader.batch.classview import ClassView, LearnerRow
from grader.files import write_atomically
from grader.results import Result, Status, json_text

FOLDER = "gradescope"


def results_json(view: ClassView, row: LearnerRow) -> dict:
    tests: list[dict] = []
    lines = []
    for number, exercise in enumerate(view.exercises, start=1):
        result = row.results.get(exercise.name)
        if result is None:
            lines.append(f"{exercise.title}: not submitted (0/{exercise.points})")
            tests.append(_entry(f"{exercise.title}: not submitted", f"{number}", 0.0,
                                float(exercise.points), "failed",
                                f"No file for {exercise.name} was found.", exercise.name))
            continue
        lines.append(f"{exercise.title}: {result.score:g}/{result.max_score:g}")
        tests += _tests(result, number)
    return {
        "score": row.total,
        "execution_time": round(sum(r.duration_s for r in row.results.values()), 3),
        "output": "\n".join(lines),
        "output_format": "text",
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": tests,
        "extra_data": {"learner": row.learner, "grader": f"nn-grader {view.grader_version}"},
    }


def _tests(result: Result, number: int) -> list[dict]:
    if not result.tests or result.status is Status.ERROR:
        return [_entry(f"{result.title}: could not be graded", f"{number}", 0.0,
                       result.max_score, "failed", result.message or "", result.exercise)]
    entries = []
    for index, test in enumerate(result.tests, start=1):
        text = "\n\n".join(part for part in (test.message, test.hint and
                                             f"Hint {test.hint_number}: {test.hint}") if part)
        entries.append(_entry(
            f"{result.title}: {test.name}", f"{number}.{index}", test.score, test.max_score,
            "passed" if test.status is Status.PASSED else "failed", text, result.exercise,
            "after_published" if test.visibility.value == "hidden" else "visible"))
    return entries


def _entry(name: str, number: str, score: float, max_score: float, status: str, output: str,
           tag: str, visibility: str = "visible") -> dict:
    return {"name": name, "name_format": "text", "number": number, "score": score,
            "max_score": max_score, "status": status, "output": output, "output_format": "text",
            "tags": [tag], "visibility": visibility}


def write(out: Path, view: ClassView) -> list[Path]:
    paths = []
    for row in view.learners:
        path = out / FOLDER / row.slug / "results.json"
        write_atomically(path, json_text(results_json(view, row), indent=2), below=out)
        paths.append(path)
    return paths
