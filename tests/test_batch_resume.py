"""Nothing lost: an interrupted `grader report` resumes to the same outputs, and the other input
layouts (a .zip export, one file per learner) grade the same way.

The class here is small (10 learners, one exercise each) and has a learner whose file loops
forever at import: its 10 s import limit keeps the run alive long enough to interrupt it.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import classgen
import pytest
from click.testing import CliRunner

from grader import cli
from grader.course import paths as course

SEED = 424242
LEARNERS = 10


def report(*args) -> tuple[int, str, str]:
    outcome = CliRunner().invoke(cli.main, ["report", *map(str, args)], catch_exceptions=False)
    return outcome.exit_code, outcome.stdout, outcome.stderr


@pytest.fixture(scope="module")
def small_class(tmp_path_factory):
    root = tmp_path_factory.mktemp("small")
    plan = classgen.generate(root / "submissions", LEARNERS, per_learner=1, hostile=("loop",),
                             unreadable=("empty",))
    reference = root / "reference"
    code, stdout, stderr = report(plan.root, "-o", reference, "--seed", SEED, "--jobs", 2)
    assert code == 0, stderr
    return plan, reference


def comparable(out: Path) -> dict:
    """What must not depend on how the run went: everything but timings and timestamps."""
    records = []
    for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for key in ("duration_s", "graded_at"):
            record.pop(key)
        for test in record["tests"]:
            test.pop("duration_s")
        records.append(record)
    return {"gradebook.csv": (out / "gradebook.csv").read_text(encoding="utf-8"),
            "results.csv": (out / "results.csv").read_text(encoding="utf-8"),
            "results.jsonl": records}


def assert_same(actual: dict, expected: dict) -> None:
    for name in ("gradebook.csv", "results.csv"):
        assert actual[name] == expected[name], name
    for mine, theirs in zip(actual["results.jsonl"], expected["results.jsonl"], strict=True):
        assert mine == theirs, mine["batch"]


def start(plan, out: Path, scratch: Path) -> subprocess.Popen:
    scratch.mkdir(exist_ok=True)
    return subprocess.Popen(
        [sys.executable, "-m", "grader", "report", str(plan.root), "-o", str(out), "--seed",
         str(SEED), "--jobs", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "TMPDIR": str(scratch)})


def saved_lines(out: Path) -> list[str]:
    try:
        text = (out / "results.jsonl").read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    return [line for line in text.split("\n")[:-1]]  # complete lines only


def wait_for_lines(process: subprocess.Popen, out: Path, count: int) -> None:
    deadline = time.monotonic() + 180
    while len(saved_lines(out)) < count:
        assert process.poll() is None, "the run ended before it could be interrupted"
        assert time.monotonic() < deadline, "no results were saved"
        time.sleep(0.05)
    assert process.poll() is None, "the run ended before it could be interrupted"


def descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def alive(pids: set[int]) -> set[int]:
    running = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            running.add(pid)
    return running


def test_interrupted_runs_resume_to_the_same_outputs(small_class, tmp_path):
    plan, reference = small_class
    out = tmp_path / "out"
    scratch = tmp_path / "tmp"  # the runs' temporary files, learners' folders among them

    first = start(plan, out, scratch)
    wait_for_lines(first, out, 2)
    first.send_signal(signal.SIGINT)
    _, stderr = first.communicate(timeout=60)
    assert first.returncode == 130, stderr
    after_first = len(saved_lines(out))
    assert f"interrupted: {after_first} of {LEARNERS} submissions are graded and saved" in stderr
    assert not (out / "index.html").exists()  # nothing rendered from an incomplete class
    assert list(scratch.iterdir()) == []

    second = start(plan, out, scratch)
    wait_for_lines(second, out, after_first + 2)
    workers = descendants(second.pid)
    assert workers, "the pool's processes were not found"
    second.send_signal(signal.SIGKILL)
    second.communicate(timeout=30)
    deadline = time.monotonic() + 20
    while alive(workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not alive(workers), "grading processes outlived the killed run"
    assert list(scratch.iterdir()) == []

    saved = saved_lines(out)
    keys = {(json.loads(line)["batch"]["learner"], json.loads(line)["exercise"])
            for line in saved}
    assert len(keys) == len(saved)  # nothing was graded twice
    assert after_first < len(saved) < LEARNERS

    code, stdout, stderr = report(plan.root, "-o", out, "--seed", SEED, "--jobs", 2)
    assert code == 0, stderr
    assert (f"({LEARNERS - len(saved)} graded now, {len(saved)} kept from an earlier run)"
            in stdout)
    assert_same(comparable(out), comparable(reference))


def test_a_zip_export_grades_like_the_folder(small_class, tmp_path):
    plan, reference = small_class
    archive = classgen.zip_class(plan.root, tmp_path / "export.zip", wrapper="class-export")
    out = tmp_path / "out"
    code, stdout, stderr = report(archive, "-o", out, "--seed", SEED, "--jobs", 2)
    assert code == 0, stderr
    assert f"Graded {LEARNERS} learners" in stdout
    assert_same(comparable(out), comparable(reference))
    page = (out / "index.html").read_text(encoding="utf-8")
    for path in plan.junk:
        assert f"<code>{path}</code>" in page


def test_one_file_per_learner_with_exercise(tmp_path):
    submissions = tmp_path / "softmax-submissions"
    solution = course.solution_path("softmax").read_bytes()
    files = {"alice.py": solution, "bob.py": course.stub_path("softmax").read_bytes(),
             "carol/softmax.py": solution, "carol/helper.py": b"x = 1\n",
             "dave/a.py": solution, "dave/b.py": solution, "erin.txt": b"late\n"}
    for relative, data in files.items():
        (submissions / relative).parent.mkdir(parents=True, exist_ok=True)
        (submissions / relative).write_bytes(data)
    out = tmp_path / "out"
    code, stdout, stderr = report(submissions, "-o", out, "--exercise", "softmax", "--seed", SEED)
    assert code == 0, stderr
    with (out / "gradebook.csv").open(encoding="utf-8", newline="") as file:
        book = {row["learner"]: row for row in csv.DictReader(file)}
    assert sorted(book) == ["alice", "bob", "carol"]
    assert float(book["alice"]["softmax"]) == float(book["carol"]["softmax"]) == 10
    assert float(book["bob"]["softmax"]) == 0
    for skipped in ("carol/helper.py", "dave/a.py", "dave/b.py", "erin.txt"):
        assert skipped in stdout
    assert "dave has several .py files or notebooks and none is named softmax.py" in stdout

    code, stdout, _ = report(submissions, "-o", out, "--exercise", "softmax", "--seed", SEED)
    assert "(0 graded now, 3 kept from an earlier run)" in stdout
    code, stdout, _ = report(submissions, "-o", out, "--exercise", "softmax", "--seed", SEED,
                             "--fresh")
    assert code == 0
    assert "(3 graded now, 0 kept from an earlier run)" in stdout


def test_an_unknown_exercise_or_an_empty_folder_is_a_usage_error(tmp_path):
    (tmp_path / "empty").mkdir()
    code, _, stderr = report(tmp_path / "empty", "-o", tmp_path / "out")
    assert code == 2
    assert "No submissions found" in stderr and "--exercise NAME" in stderr
    code, _, stderr = report(tmp_path / "empty", "-o", tmp_path / "out", "--exercise", "nope")
    assert code == 2
    assert "softmax" in stderr  # the valid choices are listed
    assert not os.path.exists(tmp_path / "out" / "results.jsonl")
