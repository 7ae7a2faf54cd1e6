"""The progress file: a corrupt or foreign file is reported and set aside, never a crash, and
concurrent updates (a watch and a check at once) lose nothing."""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

import pytest

from grader.course import catalog
from grader.course import paths as course
from grader.study import progress


@pytest.fixture
def workspace(run_cli, tmp_path, monkeypatch) -> Path:
    assert run_cli("init").exit_code == 0
    root = tmp_path / "nn-course"
    monkeypatch.chdir(root)
    return root


def set_aside(root: Path) -> list[Path]:
    return sorted((root / ".grader").glob("progress.json.corrupt-*"))


@pytest.mark.parametrize("content", [
    b"{\"kind\": \"nn-grader-progress\", \"schema\": 1, \"exercises\": {\"softm",  # cut short
    b"\x00\xff\xfe garbage",  # not text
    b"[1, 2, 3]",  # JSON, but not ours
    b"{\"kind\": \"something-else\", \"exercises\": {}}",  # another tool's file
    b"{\"kind\": \"nn-grader-progress\", \"schema\": 99, \"exercises\": {}}",  # a newer schema
    b"{\"kind\": \"nn-grader-progress\", \"schema\": 1, "
    b"\"exercises\": {\"softmax\": {\"best_score\": \"ten\"}}}",  # wrong type
    b"{\"kind\": \"nn-grader-progress\", \"schema\": 1, "
    b"\"exercises\": {\"softmax\": {\"hints_seen\": [1, \"2\"]}}}",  # not hint numbers
    b"[" * 100_000 + b"]" * 100_000,  # nested deeper than JSON parsing can follow
    b"{\"kind\": \"nn-grader-progress\", \"schema\": 1, "
    b"\"exercises\": {\"softmax\": {\"best_score\": NaN}}}",  # not a number
    b"{\"kind\": \"nn-grader-progress\", \"schema\": 1, "
    b"\"exercises\": {\"softmax\": {\"max_score\": Infinity}}}",  # not finite
    b"{\"kind\": \"nn-grader-progress\", \"schema\": 1, "
    b"\"exercises\": {\"softmax\": {\"attempts\": -1}}}",  # negative
    b"{\"kind\": \"nn-grader-progress\", \"schema\": 1, "
    b"\"exercises\": {\"softmax\": {\"attempts\": " + b"9" * 4000 + b"}}}",  # huge
    b"{\"kind\": \"nn-grader-progress\", \"schema\": 1, "
    b"\"exercises\": {\"softmax\": {\"hints_seen\": [1, 99999999999]}}}",  # no such hint
])
def test_a_bad_progress_file_is_set_aside_and_the_command_works(run_cli, workspace, content):
    bad = workspace / ".grader" / "progress.json"
    bad.write_bytes(content)
    outcome = run_cli("list")
    assert outcome.exit_code == 0
    assert "Traceback" not in outcome.stdout + outcome.stderr
    assert "could not be read" in outcome.stderr and "progress.json.corrupt-" in outcome.stderr
    assert "not started" in outcome.stdout
    [aside] = set_aside(workspace)
    assert aside.read_bytes() == content  # nothing of the learner's is lost
    assert not bad.exists()

    # The next check starts a fresh progress file.
    shutil.copyfile(course.solution_path("softmax"), workspace / "softmax.py")
    outcome = run_cli("check", "softmax.py")
    assert outcome.exit_code == 0
    saved = json.loads(bad.read_text())
    assert saved["exercises"]["softmax"]["full_marks_at"]
    assert set_aside(workspace) == [aside]


def test_a_corrupt_file_seen_by_check_is_set_aside_and_the_check_recorded(run_cli, workspace):
    (workspace / ".grader" / "progress.json").write_text("not json at all")
    outcome = run_cli("check", "softmax.py", "--format", "json")
    assert outcome.exit_code == 1
    json.loads(outcome.stdout)  # stdout is still exactly one JSON document
    assert "progress.json.corrupt-" in outcome.stderr
    assert len(set_aside(workspace)) == 1
    assert progress.Store(workspace / ".grader" / "progress.json").load().of("softmax").attempts \
        == 1


def test_a_second_corrupt_file_does_not_overwrite_the_first(run_cli, workspace):
    for text in ("first broken", "second broken"):
        (workspace / ".grader" / "progress.json").write_text(text)
        assert run_cli("list").exit_code == 0
    assert sorted(path.read_text() for path in set_aside(workspace)) == \
        ["first broken", "second broken"]


def test_unknown_fields_and_exercises_are_tolerated(workspace):
    path = workspace / ".grader" / "progress.json"
    path.write_text(json.dumps({"kind": "nn-grader-progress", "schema": 1, "exercises": {
        "softmax": {"best_score": 4.0, "attempts": 2, "started": True, "added_later": [1]},
        "an_exercise_since_removed": {"best_score": 1.0}}}))
    store = progress.Store(path)
    state = store.load()
    assert store.notices == []
    assert state.of("softmax").best_score == 4.0 and state.of("softmax").state == "in progress"


def test_a_file_that_counted_hints_still_gives_the_next_one(run_cli, workspace):
    """Written before hints were remembered one by one: "hints_shown": 2 meant hints 1 and 2."""
    path = workspace / ".grader" / "progress.json"
    path.write_text(json.dumps({"kind": "nn-grader-progress", "schema": 1, "exercises": {
        "softmax": {"attempts": 1, "hints_shown": 2}}}))
    outcome = run_cli("hint", "softmax")
    total = len(catalog.get("softmax").hints)
    assert f"Hint 3 of {total} for Softmax:" in outcome.stdout and outcome.stderr == ""
    assert json.loads(path.read_text())["exercises"]["softmax"]["hints_seen"] == [1, 2, 3]


def test_concurrent_updates_lose_nothing(workspace):
    path = workspace / ".grader" / "progress.json"

    def count_one_check(state: progress.Progress) -> None:
        state.entry("cross_entropy").attempts += 1

    threads = [threading.Thread(target=progress.Store(path).update, args=(count_one_check,))
               for _ in range(24)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    state = progress.Store(path).load()
    assert state.of("cross_entropy").attempts == 24
    assert state.of("softmax").attempts == 0
    assert not list(path.parent.glob(".progress.*.tmp"))  # no temporary file left behind


@pytest.mark.parametrize("command", [["list"], ["next"], ["hint"], ["hint", "softmax"],
                                     ["solution", "softmax"], ["check"], ["check", "softmax.py"]])
def test_every_command_that_sets_a_bad_file_aside_says_so(run_cli, workspace, command):
    (workspace / ".grader" / "progress.json").write_text("not json at all")
    outcome = run_cli(*command)
    assert "could not be read" in outcome.stderr and "progress.json.corrupt-" in outcome.stderr
    assert len(set_aside(workspace)) == 1
