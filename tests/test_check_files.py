"""`grader check` with files that are not what they seem: a BOM or a coding line (read as Python
reads them), a notebook or a text file (a usage error, not a learner's failure), a link leading
out of the file's folder, a FIFO, and a workspace (perhaps unpacked from someone's archive)
whose `.grader/`, `progress.json`, `progress.lock` or `--html` target is a link or a special
file. Nothing is written or read through a link, and nothing special is replaced."""

from __future__ import annotations

import json
import os
import shutil
import stat
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from grader import cli
from grader.core import grading
from grader.course import paths as course

SEED = "20261129"
SOLUTION = course.solution_path("softmax").read_bytes()


def unblock_after(fifo: Path, seconds: float = 20) -> threading.Event:
    """If something still waits to open `fifo` after `seconds`, open its other end so that the
    test fails instead of hanging; the event says it had to."""
    fired = threading.Event()

    def watch() -> None:
        time.sleep(seconds)
        for flags in (os.O_WRONLY | os.O_NONBLOCK, os.O_RDONLY | os.O_NONBLOCK):
            try:
                os.close(os.open(fifo, flags))
            except OSError:
                continue
            if flags & os.O_WRONLY:
                fired.set()

    threading.Thread(target=watch, daemon=True).start()
    return fired


# -- text as Python reads it -----------------------------------------------------------------


@pytest.mark.parametrize("prefix", [b"\xef\xbb\xbf", b"# -*- coding: latin-1 -*-\n# \xe9t\xe9\n"],
                         ids=["utf-8 BOM", "latin-1 coding line"])
def test_a_file_python_reads_gets_full_marks(run_cli, tmp_path, prefix):
    (tmp_path / "softmax.py").write_bytes(prefix + SOLUTION)
    outcome = run_cli("check", "softmax.py", "--seed", SEED)
    assert outcome.exit_code == 0, outcome.stdout + outcome.stderr
    assert "Score: 10/10 — full marks" in outcome.stdout


def test_a_file_name_that_is_not_utf8_is_graded_and_shown_with_escapes(run_cli, tmp_path):
    name = os.fsdecode(b"soft\xffmax.py")
    (tmp_path / name).write_bytes(SOLUTION)
    outcome = run_cli("check", name, "--exercise", "softmax", "--format", "json", "--seed", SEED)
    assert outcome.exit_code == 0, outcome.stderr
    result = json.loads(outcome.stdout)
    assert result["submission"] == "soft\\xffmax.py"
    assert result["score"] == result["max_score"]


def test_a_bom_file_gets_full_marks_in_a_class_too(tmp_path):
    for learner, data in (("ann", SOLUTION), ("ben", b"\xef\xbb\xbf" + SOLUTION)):
        (tmp_path / "class" / learner).mkdir(parents=True)
        (tmp_path / "class" / learner / "softmax.py").write_bytes(data)
    outcome = CliRunner().invoke(cli.main, ["report", str(tmp_path / "class"), "-o",
                                            str(tmp_path / "out"), "--seed", SEED])
    assert outcome.exit_code == 0, outcome.stderr
    lines = (tmp_path / "out" / "results.jsonl").read_text(encoding="utf-8").splitlines()
    assert {json.loads(line)["batch"]["learner"]: json.loads(line)["score"]
            for line in lines} == {"ann": 10, "ben": 10}


def test_an_unknown_coding_line_is_a_graded_error_as_python_would_refuse_it(run_cli, tmp_path):
    (tmp_path / "softmax.py").write_bytes(b"# coding: klingon\n" + SOLUTION)
    outcome = run_cli("check", "softmax.py", "--seed", SEED)
    assert outcome.exit_code == 1
    assert "unknown encoding: klingon" in " ".join(outcome.stdout.split())


# -- what check does not grade: a usage error, before any grading --------------------------


@pytest.mark.parametrize(("name", "expected"), [
    ("softmax.txt", "`grader check` grades Python files (.py) and Jupyter notebooks (.ipynb), "
                    "and softmax.txt is neither."),
    ("softmax", "`grader check` grades Python files (.py) and Jupyter notebooks (.ipynb), and "
                "softmax is neither.")])
def test_a_file_that_is_not_python_is_a_usage_error(run_cli, tmp_path, name, expected):
    (tmp_path / name).write_text('{"cells": []}\n', encoding="utf-8")
    outcome = run_cli("check", name)
    assert outcome.exit_code == 2
    assert expected in " ".join(outcome.stderr.split())
    assert outcome.stdout == ""


def test_a_link_leading_out_of_its_folder_is_refused(run_cli, tmp_path):
    secret = tmp_path / "private" / "answers.py"
    secret.parent.mkdir()
    secret.write_text("PASSWORD = 'hunter2'\n", encoding="utf-8")
    (tmp_path / "work").mkdir()
    (tmp_path / "work" / "softmax.py").symlink_to(secret)
    outcome = run_cli("check", "work/softmax.py")
    assert outcome.exit_code == 2
    assert "work/softmax.py is a symbolic link to" in outcome.stderr
    assert "outside its folder" in " ".join(outcome.stderr.split())
    assert "hunter2" not in outcome.stdout + outcome.stderr
    assert not (tmp_path / "private" / ".grader").exists()
    result = grading.grade(tmp_path / "work" / "softmax.py", seed=1)  # --all, watch: a grade
    assert result.status.value == "error" and "outside its folder" in result.message


def test_a_link_inside_its_folder_is_graded(run_cli, tmp_path):
    (tmp_path / "versions").mkdir()
    (tmp_path / "versions" / "v2.py").write_bytes(SOLUTION)
    (tmp_path / "softmax.py").symlink_to(Path("versions") / "v2.py")
    outcome = run_cli("check", "softmax.py", "--seed", SEED)
    assert outcome.exit_code == 0, outcome.stderr


def test_a_fifo_is_refused_without_waiting_for_a_writer(run_cli, tmp_path):
    os.mkfifo(tmp_path / "softmax.py")
    stuck = unblock_after(tmp_path / "softmax.py")
    outcome = run_cli("check", "softmax.py")
    assert not stuck.is_set(), "grader check waited on the FIFO"
    assert outcome.exit_code == 2
    assert "softmax.py is a FIFO (named pipe), not a regular file" in outcome.stderr


# -- where the report goes: never through a link, never over a special file -----------------


def _special(path: Path, kind: str) -> None:
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        try:
            os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a second /dev/null
        except PermissionError:
            pytest.skip("making a device node needs root; the FIFO case covers the rest")
    else:
        path.symlink_to(path.parent / "victim.html")
        (path.parent / "victim.html").write_text("the user's own page\n", encoding="utf-8")


@pytest.mark.parametrize("kind", ["fifo", "device", "link"])
def test_html_that_is_not_a_regular_file_is_refused_before_grading(run_cli, tmp_path, kind):
    (tmp_path / "softmax.py").write_bytes(SOLUTION)
    target = tmp_path / "report.html"
    _special(target, kind)
    before = os.lstat(target)
    outcome = run_cli("check", "softmax.py", "--html", "report.html")
    assert outcome.exit_code == 2
    assert "--html:" in outcome.stderr and "report.html is a" in outcome.stderr
    assert outcome.stdout == ""
    after = os.lstat(target)
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)
    if kind == "link":
        assert (tmp_path / "victim.html").read_text(encoding="utf-8") == "the user's own page\n"


def test_a_linked_grader_folder_beside_the_file_is_refused(run_cli, tmp_path):
    """An unpacked archive holding `.grader -> /root/.ssh`: check must not write there."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    (work / "softmax.py").write_bytes(SOLUTION)
    (work / ".grader").symlink_to(elsewhere, target_is_directory=True)
    outcome = run_cli("check", str(work / "softmax.py"), "--seed", SEED)
    assert outcome.exit_code == 2
    assert f"{work / '.grader'} is a symbolic link" in outcome.stderr
    assert list(elsewhere.iterdir()) == []


@pytest.fixture
def clone(tmp_path) -> Path:
    """A clone of the course: its progress lives in <root>/.grader, beside exercises/."""
    root = tmp_path / "clone"
    (root / "exercises").mkdir(parents=True)
    shutil.copyfile(course.solution_path("softmax"), root / "exercises" / "softmax.py")
    (root / ".grader").mkdir()
    return root


@pytest.mark.parametrize("planted", [".grader", "progress.json", "progress.lock"])
def test_linked_progress_files_are_refused_with_a_notice(run_cli, clone, tmp_path, planted):
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "passwd").write_bytes(b"root:x:0:0\n")
    if planted == ".grader":
        shutil.rmtree(clone / ".grader")
        (clone / ".grader").symlink_to(victim, target_is_directory=True)
    else:
        (clone / ".grader" / planted).symlink_to(victim / "passwd")
    outcome = run_cli("check", str(clone / "exercises" / "softmax.py"), "--seed", SEED)
    assert outcome.exit_code == 0, outcome.stdout + outcome.stderr
    assert "is a symbolic link, which the grader does not follow or replace" in outcome.stderr
    assert "your progress is not" in outcome.stderr
    assert sorted(p.name for p in victim.iterdir()) == ["passwd"]
    assert (victim / "passwd").read_bytes() == b"root:x:0:0\n"
    assert (clone / "exercises" / ".grader" / "reports" / "softmax.html").is_file()


def test_init_force_replaces_no_stub_through_a_link(run_cli, tmp_path):
    assert run_cli("init").exit_code == 0
    victim = tmp_path / "victim.py"
    victim.write_text("keep me\n", encoding="utf-8")
    stub = tmp_path / "nn-course" / "softmax.py"
    stub.unlink()
    stub.symlink_to(victim)
    outcome = run_cli("init", "--force")
    assert outcome.exit_code == 2
    assert "softmax.py is a symbolic link" in outcome.stderr
    assert victim.read_text(encoding="utf-8") == "keep me\n"


@pytest.mark.parametrize("command", ["list", "check"])
def test_a_workspace_marker_nested_beyond_parsing_is_no_workspace(run_cli, tmp_path, command):
    """The marker is looked for in every folder above the working one, so any archive or
    shared folder up there can hold one: 60,000 brackets stopped every command with a
    RecursionError."""
    (tmp_path / ".grader").mkdir()
    (tmp_path / ".grader" / "workspace.json").write_text("[" * 60_000)
    shutil.copyfile(course.solution_path("softmax"), tmp_path / "softmax.py")
    outcome = run_cli(command, *(["softmax.py", "--seed", SEED] if command == "check" else []))
    assert outcome.exit_code == 0, outcome.stderr
    assert "not in a workspace" in outcome.stderr if command == "list" else \
        "Score: 10/10" in outcome.stdout
