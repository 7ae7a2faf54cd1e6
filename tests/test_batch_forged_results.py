"""results.jsonl edited by hand or damaged: a rerun keeps only the lines a run could have written.

OUT may sit somewhere others can write, and the file is plain text: a line with a field of the
wrong type, a number that is not finite, a score above its maximum, nesting deeper than JSON
parsing can follow or a size no result has must not stop the next run with a traceback, nor be
rendered as a grade. Such a line is ignored and its submission graded again.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from grader import cli
from grader.batch import store
from grader.course import paths as course

SEED = "20261129"


def _set(path: str, value):
    def change(record: dict) -> None:
        *parents, last = path.split(".")
        target = record
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        if isinstance(target, list):
            target[int(last)] = value
        else:
            target[last] = value
    return change


FORGERIES = {
    "score as text": _set("score", "10"),
    "score nan": _set("score", float("nan")),
    "score infinite": _set("score", float("inf")),
    "score negative": _set("score", -5.0),
    "score above max": _set("score", 11.0),
    "max score not the exercise's": _set("max_score", 1e308),
    "tests as text": _set("tests", "all passed"),
    "a test's score as a list": _set("tests.0.score", [2]),
    "a test's name as a number": _set("tests.0.name", 5),
    "a test's message as an object": _set("tests.0.message", {"text": "x"}),
    "a test's optional as text": _set("tests.0.optional", "yes"),
    "a test's visibility unknown": _set("tests.0.visibility", "public"),
    "a test's details as a list": _set("tests.0.details", ["x"]),
    "a test's hint number as text": _set("tests.0.hint_number", "one"),
    "output as a number": _set("output", 7),
    "title null": _set("title", None),
    "isolation as a list": _set("isolation", ["bubblewrap"]),
    "seed as text": _set("seed", "s"),
    "an unknown field": _set("forged", True),
    "learner as a number": _set("batch.learner", 5),
    "batch as a list": _set("batch", ["ana"]),
    "exercise unknown": _set("exercise", "no_such_exercise"),
    "notebook unknown": _set("notebook", "jupyter"),
    "left out as text": _set("left_out", "%matplotlib inline"),
    "a left-out line's cell as text": _set("left_out", [
        {"cell": "2", "line": 1, "lines": 1, "code": "%time", "reason": "magic"}]),
    "a left-out line missing its reason": _set("left_out", [
        {"cell": 2, "line": 1, "lines": 1, "code": "%time"}]),
}
RAW_FORGERIES = {
    "nested 100,000 deep": "[" * 100_000 + "]" * 100_000,
    "a list": "[1, 2]",
    "over the size of any result": None,  # built from the real line below
}


@pytest.fixture(scope="module")
def graded(tmp_path_factory) -> tuple[Path, Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("forged")
    for learner in ("ana", "ben"):
        (root / "class" / learner).mkdir(parents=True)
        (root / "class" / learner / "softmax.py").write_bytes(
            course.solution_path("softmax").read_bytes())
    out = root / "out"
    outcome = CliRunner().invoke(cli.main, ["report", str(root / "class"), "-o", str(out),
                                            "--seed", SEED], catch_exceptions=False)
    assert outcome.exit_code == 0, outcome.stderr
    lines = {json.loads(line)["batch"]["learner"]: line
             for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()}
    return root / "class", out, lines


def _forged_lines(real: str) -> dict[str, str]:
    lines = {}
    for name, change in FORGERIES.items():
        record = copy.deepcopy(json.loads(real))
        change(record)
        lines[name] = json.dumps(record)
    for name, line in RAW_FORGERIES.items():
        record = json.loads(real)
        record["output"] = "x" * (store.MAX_LINE + 1)
        lines[name] = line if line is not None else json.dumps(record)
    return lines


@pytest.mark.parametrize("name", [*FORGERIES, *RAW_FORGERIES])
def test_a_forged_line_is_not_read_as_a_result(graded, tmp_path, name):
    _, _, lines = graded
    (tmp_path / "results.jsonl").write_text(lines["ben"] + "\n" + _forged_lines(lines["ana"])[name]
                                            + "\n", encoding="utf-8")
    records = store.Store(tmp_path).load()
    assert list(records) == [("ben", "softmax")]


def test_a_run_over_forged_lines_grades_their_submissions_again(graded):
    submissions, out, lines = graded
    forged = _forged_lines(lines["ana"])
    (out / "results.jsonl").write_text(
        "\n".join([lines["ben"], *forged.values()]) + "\n", encoding="utf-8")
    outcome = CliRunner().invoke(cli.main, ["report", str(submissions), "-o", str(out),
                                            "--seed", SEED], catch_exceptions=False)
    assert outcome.exit_code == 0, outcome.stderr
    assert "(1 graded now, 1 kept from an earlier run)" in outcome.stdout
    kept = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert {(record["batch"]["learner"], record["score"]) for record in kept} == {
        ("ana", 10.0), ("ben", 10.0)}
