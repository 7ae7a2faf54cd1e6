"""The course is whole: every catalog entry has a stub, a solution and a suite that agree,
every stub grades to 0 as "not started yet", and every solution gets full marks."""

from __future__ import annotations

import json

import pytest

from grader.course import catalog
from grader.course import paths as course
from grader.feedback import NOT_STARTED

NAMES = catalog.names()


def test_every_file_has_a_catalog_entry_and_every_entry_has_its_files():
    stubs = {p.stem for p in (course.course_dir() / "exercises").glob("*.py")}
    solutions = {p.stem for p in (course.course_dir() / "solutions").glob("*.py")}
    suites = {p.stem.removeprefix("test_") for p in course.SUITES_DIR.glob("test_*.py")}
    assert stubs == set(NAMES), "exercises/ and the catalog disagree"
    assert solutions == set(NAMES), "solutions/ and the catalog disagree"
    assert suites == set(NAMES), "the suites and the catalog disagree"


@pytest.mark.parametrize("name", NAMES)
def test_catalog_entry_is_complete(name):
    exercise = catalog.get(name)
    assert exercise.title and exercise.task and exercise.section
    assert len(exercise.hints) >= 2
    assert exercise.points > 0


def _copy(source, tmp_path):
    """Grade a copy, so that the checkout's own progress file is never touched."""
    copy = tmp_path / "submitted" / source.name
    copy.parent.mkdir()
    copy.write_bytes(source.read_bytes())
    return copy


@pytest.mark.parametrize("name", NAMES)
def test_untouched_stub_is_not_started(run_cli, tmp_path, name):
    outcome = run_cli("check", _copy(course.stub_path(name), tmp_path), "--format", "json")
    assert outcome.exit_code == 1
    result = json.loads(outcome.stdout)
    assert result["score"] == 0
    assert result["status"] == "failed"
    assert result["message"].startswith(NOT_STARTED)
    assert all(test["status"] in ("failed", "skipped") for test in result["tests"])
    assert all(test["message"].startswith(NOT_STARTED) for test in result["tests"]
               if test["status"] == "failed")
    assert "Traceback" not in outcome.stdout


@pytest.mark.parametrize("name", NAMES)
def test_solution_gets_full_marks(run_cli, tmp_path, name):
    outcome = run_cli("check", _copy(course.solution_path(name), tmp_path), "--format", "json")
    result = json.loads(outcome.stdout)
    failing = [(t["name"], t["message"]) for t in result["tests"]
               if t["status"] != "passed" and not t["optional"]]
    assert outcome.exit_code == 0, failing
    assert result["score"] == result["max_score"] == catalog.get(name).points
