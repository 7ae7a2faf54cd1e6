"""Options with hostile values: an output folder that holds the class, a negative seed, more
jobs than a machine can use. Each is a usage error (exit 2) that says why, before anything is
graded or written; none is a grader failure, and no learner's file is touched."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from grader import cli
from grader.batch import run
from grader.course import paths as course

SOLUTION = course.solution_path("softmax").read_bytes()


def invoke(*args) -> tuple[int, str, str]:
    outcome = CliRunner().invoke(cli.main, [*map(str, args)], catch_exceptions=False)
    return outcome.exit_code, outcome.stdout, outcome.stderr


@pytest.fixture
def submissions(tmp_path) -> Path:
    """A class with a learner named `learners`, the folder OUT keeps its learner pages in."""
    root = tmp_path / "class"
    for learner in ("ana", "learners"):
        (root / learner).mkdir(parents=True)
        (root / learner / "softmax.py").write_bytes(SOLUTION)
    (root / "learners" / "notes.html").write_text("<p>my own notes</p>")
    return root


@pytest.mark.parametrize("out", [".", ".."], ids=["OUT is the class folder", "OUT holds it"])
def test_an_output_folder_holding_the_class_is_refused(submissions, out):
    before = sorted(path.relative_to(submissions) for path in submissions.rglob("*"))
    code, _, stderr = invoke("report", submissions, "-o", submissions / out, "--seed", 1)
    assert code == 2
    assert "output folder" in stderr and "could change the submissions" in stderr
    assert sorted(path.relative_to(submissions) for path in submissions.rglob("*")) == before
    assert (submissions / "learners" / "notes.html").read_text() == "<p>my own notes</p>"


def test_an_output_folder_inside_the_class_is_left_out_of_it(submissions):
    code, stdout, stderr = invoke("report", submissions, "-o", submissions / "ana" / "graded",
                                  "--seed", 1)
    assert code == 0, stderr
    assert "Graded 2 learners, 2 submissions" in stdout
    assert (submissions / "learners" / "notes.html").exists()


def test_a_negative_seed_is_a_usage_error(submissions, tmp_path):
    code, _, stderr = invoke("report", submissions, "-o", tmp_path / "out", "--seed", -1)
    assert code == 2 and "--seed" in stderr
    assert not (tmp_path / "out").exists()
    code, _, stderr = invoke("check", submissions / "ana" / "softmax.py", "--seed", -1)
    assert code == 2 and "--seed" in stderr


def test_more_jobs_than_the_machine_can_use_is_a_usage_error(submissions, tmp_path):
    code, _, stderr = invoke("report", submissions, "-o", tmp_path / "out", "--jobs", 100_000)
    assert code == 2
    assert "--jobs 100,000 is more than this machine can use" in stderr
    assert not (tmp_path / "out").exists()


def test_the_summary_counts_the_workers_that_ran(submissions, tmp_path):
    (submissions / "ana" / "softmax.py").write_bytes(b"")  # a graded error: needs no worker
    jobs = min(4, run.JOBS_PER_CPU)
    code, stdout, stderr = invoke("report", submissions, "-o", tmp_path / "out", "--jobs", jobs,
                                  "--seed", 1)
    assert code == 0, stderr
    assert "(2 graded now, 0 kept from an earlier run)" in stdout
    assert stdout.splitlines()[0].endswith(" with 1 worker.")
