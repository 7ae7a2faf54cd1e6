"""The result model: it crosses process boundaries as JSON, so it must round-trip exactly, match
the published schema, and say `passed` only at full marks."""

from __future__ import annotations

import json

import jsonschema
import pytest

from grader.course import paths as course
from grader.results import (
    SCHEMA,
    Details,
    Result,
    Status,
    TestResult,
    Visibility,
    overall_status,
)

SCHEMA_PATH = course.PACKAGE_DIR / "result.schema.json"


def _schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _result(**changes) -> Result:
    tests = (
        TestResult(id="test_small_list", name="softmax([1, 2, 3]): the course's first example",
                   status=Status.FAILED, score=0.0, max_score=2.0,
                   visibility=Visibility.VISIBLE,
                   message="softmax([1, 2, 3]): 3 of 3 values differ.\nLikely cause: L**2",
                   hint="Use np.exp.", hint_number=1, duration_s=0.0123,
                   details=Details(input="softmax([1, 2, 3])", expected="[0.09, 0.24, 0.66]",
                                   actual="[0.07, 0.28, 0.64]", diff=None)),
        TestResult(id="test_random_arrays", name="random NumPy arrays — ünïcode ✓",
                   status=Status.TIMEOUT, score=0.0, max_score=2.5,
                   visibility=Visibility.HIDDEN, message="took longer than 1 s",
                   hint="<b>not html</b>", hint_number=2, duration_s=1.0),
        TestResult(id="test_single", name="a single score", status=Status.PASSED, score=1.0,
                   max_score=1.0, visibility=Visibility.VISIBLE),
        TestResult(id="test_challenge", name="challenge", status=Status.SKIPPED, score=0.0,
                   max_score=0.0, visibility=Visibility.VISIBLE, message="not attempted",
                   optional=True),
        TestResult(id="test_course_example", name="the course's example", status=Status.PASSED,
                   score=0.0, max_score=1.0, visibility=Visibility.VISIBLE,
                   message="right here, but its twin on random inputs fails",
                   twin="test_random_arrays", gated=True),
    )
    fields = dict(exercise="softmax", title="Softmax", submission="my softmax.py",
                  status=Status.FAILED, score=1.0, max_score=5.5, message=None,
                  duration_s=0.456, output="printed\n\x1b[31mred\x1b[0m\n", tests=tests,
                  isolation="process: own process group", seed=2**32 - 1,
                  grader_version="0.1.0", graded_at="2026-11-29T02:00:00+00:00")
    fields.update(changes)
    return Result(**fields)


@pytest.mark.parametrize("result", [
    _result(),
    _result(status=Status.ERROR, message="SyntaxError on line 3\n    x = (\n        ^",
            tests=(), seed=None, output=""),
    _result(status=Status.PASSED, score=5.5),
], ids=["failed", "error", "passed"])
def test_result_round_trips_through_json_exactly(result):
    text = result.to_json()
    again = Result.from_json(text)
    assert again == result
    assert again.to_json() == text
    assert Result.from_json(result.to_json(indent=2)) == result
    assert isinstance(again.tests, tuple) and all(isinstance(t.status, Status) for t in again.tests)


def test_json_document_puts_the_schema_version_first_and_uses_plain_values():
    document = json.loads(_result().to_json())
    assert next(iter(document)) == "schema"
    assert document["schema"] == SCHEMA == 1
    assert document["status"] == "failed"
    assert document["tests"][1]["visibility"] == "hidden"
    assert "details" not in document["tests"][1], "a hidden test must carry no details"
    assert document["tests"][0]["details"]["expected"] == "[0.09, 0.24, 0.66]"


def test_unknown_schema_version_is_refused():
    document = json.loads(_result().to_json())
    document["schema"] = 2
    with pytest.raises(ValueError, match="schema"):
        Result.from_dict(document)


@pytest.mark.parametrize("result", [_result(), _result(status=Status.ERROR, message="x",
                                                       tests=(), seed=None)])
def test_results_match_the_published_schema(result):
    jsonschema.Draft202012Validator.check_schema(_schema())
    jsonschema.validate(json.loads(result.to_json()), _schema())


@pytest.mark.parametrize("change", [
    lambda d: d.update(status="ok"),
    lambda d: d.pop("tests"),
    lambda d: d.update(extra=1),
    lambda d: d["tests"][0].update(status="passed?"),
    lambda d: d["tests"][1].update(details={"expected": "[0.2, 0.8]"}),
], ids=["bad-status", "no-tests", "unknown-field", "bad-test-status", "hidden-with-details"])
def test_schema_rejects_documents_that_break_the_contract(change):
    document = json.loads(_result().to_json())
    change(document)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, _schema())


def test_schema_names_every_test_status_the_model_has():
    enum = _schema()["$defs"]["test"]["properties"]["status"]["enum"]
    assert set(enum) == {status.value for status in Status}


@pytest.mark.parametrize(("score", "max_score", "status"), [
    (10.0, 10.0, Status.PASSED),
    (10.000000000001, 10.0, Status.PASSED),
    (9.5, 10.0, Status.FAILED),
    (9.999, 10.0, Status.FAILED),
    (0.0, 10.0, Status.FAILED),
    (0.0, 0.0, Status.FAILED),
])
def test_status_is_passed_only_at_full_marks(score, max_score, status):
    assert overall_status(score, max_score) is status


def test_full_marks_follows_the_status():
    assert _result(status=Status.PASSED, score=5.5).full_marks
    assert not _result().full_marks
    assert not _result(status=Status.ERROR, message="x").full_marks
