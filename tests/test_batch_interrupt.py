"""Ctrl-C tells the truth. A real `grader report` gets SIGINT, sent to its process group as a
terminal's Ctrl-C is, at several moments: while it looks for the submissions, while results are
being saved (with and without grading processes), and while it writes the reports. Each time it
must say what is true, counted against results.jsonl itself, exit 130, and leave OUT resumable:
the same command then finishes the job without grading anything twice. Ctrl-C after every file
is written says so and keeps the run's exit code."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import classgen
import pytest
from click.testing import CliRunner

from grader import cli
from grader.batch import run, store, summary

LEARNERS = 1500
ERRORS_PATTERN = re.compile(r"interrupted: (\d+) of (\d+) submissions are graded and saved in "
                            r"results\.jsonl; run the same command again to grade the other "
                            r"(\d+)\.")


@pytest.fixture(scope="module")
def big_class(tmp_path_factory) -> Path:
    """Many learners whose files are empty: each is a graded error saved at once, without a
    grading process, so every stage of a run lasts long enough to be interrupted in."""
    root = tmp_path_factory.mktemp("big") / "class"
    for number in range(LEARNERS):
        folder = root / f"learner{number:04d}"
        folder.mkdir(parents=True)
        (folder / "softmax.py").write_bytes(b"")
    return root


def start(submissions: Path, out: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "grader", "report", str(submissions), "-o", str(out), "--seed",
         "7", *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True)


def ctrl_c(process: subprocess.Popen, when, what: str) -> tuple[str, str]:
    """Wait until `when()` holds, then SIGINT the process group, as a terminal's Ctrl-C."""
    deadline = time.monotonic() + 300
    while not when():
        assert process.poll() is None, f"the run ended before {what}"
        assert time.monotonic() < deadline, f"never saw {what}"
        time.sleep(0.002)
    os.killpg(process.pid, signal.SIGINT)
    stdout, stderr = process.communicate(timeout=120)
    return stdout, stderr


def saved_keys(out: Path) -> set[tuple[str, str]]:
    try:
        text = (out / "results.jsonl").read_text(encoding="utf-8")
    except FileNotFoundError:
        return set()
    keys = set()
    for line in text.split("\n")[:-1]:
        record = json.loads(line)
        if not record["batch"].get("grader_failure"):
            keys.add((record["batch"]["learner"], record["exercise"]))
    return keys


def reading(process: subprocess.Popen, folder: Path):
    """True while the process holds `folder` open (discovery walks it from a descriptor)."""
    def holds() -> bool:
        try:
            links = os.listdir(f"/proc/{process.pid}/fd")
        except FileNotFoundError:
            return False
        for fd in links:
            try:
                if os.readlink(f"/proc/{process.pid}/fd/{fd}") == str(folder):
                    return True
            except OSError:
                continue
        return False
    return holds


def finish(submissions: Path, out: Path, kept: int, total: int) -> None:
    rerun = subprocess.run([sys.executable, "-m", "grader", "report", str(submissions), "-o",
                            str(out), "--seed", "7"], capture_output=True, text=True,
                           timeout=900)
    assert rerun.returncode == 0, rerun.stderr
    assert f"({total - kept} graded now, {kept} kept from an earlier run)" in rerun.stdout
    assert len(saved_keys(out)) == total
    assert len(list((out / "learners").glob("*.html"))) == total


def test_ctrl_c_while_looking_for_submissions(big_class, tmp_path):
    out = tmp_path / "out"
    process = start(big_class, out)
    stdout, stderr = ctrl_c(process, reading(process, big_class), "discovery")
    assert process.returncode == 130, stderr
    assert stderr.strip() == ("grader: interrupted while looking for the submissions, before "
                              "anything was graded or written; run the same command again to "
                              "start.")
    assert stdout == "" and not out.exists()


def test_ctrl_c_while_results_are_saved_counts_what_is_saved(big_class, tmp_path):
    out = tmp_path / "out"
    process = start(big_class, out)
    stdout, stderr = ctrl_c(process, lambda: len(saved_keys(out)) >= 20, "saved results")
    assert process.returncode == 130, stderr
    saved = saved_keys(out)
    match = ERRORS_PATTERN.search(stderr)
    assert match, stderr
    assert (int(match[1]), int(match[2]), int(match[3])) == (
        len(saved), LEARNERS, LEARNERS - len(saved))
    assert not (out / "index.html").exists()
    finish(big_class, out, kept=len(saved), total=LEARNERS)


def test_ctrl_c_while_the_reports_are_written(big_class, tmp_path):
    out = tmp_path / "out"
    process = start(big_class, out)
    stdout, stderr = ctrl_c(process, (out / "gradebook.csv").exists, "the reports being written")
    assert process.returncode == 130, stderr
    assert stderr.strip() == (
        f"grader: interrupted: all {LEARNERS} submissions are graded and saved in "
        "results.jsonl, but the reports were not all written; run the same command again to "
        "write them (nothing is graded again).")
    assert len(saved_keys(out)) == LEARNERS
    assert len(list((out / "learners").glob("*.html"))) < LEARNERS
    finish(big_class, out, kept=LEARNERS, total=LEARNERS)


def test_ctrl_c_while_grading_processes_run(tmp_path):
    """Ctrl-C reaches the grading processes too (same process group): whatever they record on
    the way down is graded again, and the count says only what is kept."""
    plan = classgen.generate(tmp_path / "class", 8, per_learner=1, hostile=("loop",),
                             unreadable=())
    out = tmp_path / "out"
    process = start(plan.root, out, "--jobs", "2")
    stdout, stderr = ctrl_c(process, lambda: len(saved_keys(out)) >= 2, "graded results")
    assert process.returncode == 130, stderr
    match = ERRORS_PATTERN.search(stderr)
    assert match, stderr
    saved = saved_keys(out)
    assert (int(match[1]), int(match[2])) == (len(saved), 8)
    assert "Traceback" not in stderr
    rerun = subprocess.run([sys.executable, "-m", "grader", "report", str(plan.root), "-o",
                            str(out), "--seed", "7"], capture_output=True, text=True,
                           timeout=900)
    assert rerun.returncode == 0, rerun.stderr
    assert f"({8 - len(saved)} graded now, {len(saved)} kept from an earlier run)" in \
        rerun.stdout


def test_ctrl_c_after_every_file_is_written_keeps_the_exit_code(tmp_path, monkeypatch):
    folder = tmp_path / "class" / "ann"
    folder.mkdir(parents=True)
    (folder / "softmax.py").write_bytes(b"")

    def interrupted(outcome):
        raise KeyboardInterrupt

    monkeypatch.setattr(summary, "render", interrupted)
    outcome = CliRunner().invoke(cli.main, ["report", str(tmp_path / "class"), "-o",
                                            str(tmp_path / "out")], catch_exceptions=False)
    assert outcome.exit_code == 0
    assert outcome.stderr.strip() == (
        "grader: interrupted after the run was complete: the submission is graded and every "
        f"file is written in {tmp_path / 'out'}.")
    assert (tmp_path / "out" / "index.html").exists()


def test_after_fresh_the_advice_is_to_run_without_it(tmp_path, monkeypatch):
    for name in ("ann", "ben", "cat"):
        (tmp_path / "class" / name).mkdir(parents=True)
        (tmp_path / "class" / name / "softmax.py").write_bytes(b"")
    append = store.Store.append
    calls = []

    def interrupted_on_the_third(self, record):
        calls.append(record)
        if len(calls) == 3:
            raise KeyboardInterrupt
        append(self, record)

    monkeypatch.setattr(store.Store, "append", interrupted_on_the_third)
    with pytest.raises(run.Interrupted) as interrupted:
        run.grade_class(tmp_path / "class", tmp_path / "out", fresh=True, seed=7)
    assert str(interrupted.value) == (
        "interrupted: 2 of 3 submissions are graded and saved in results.jsonl; run the command "
        "again without --fresh to grade the last one.")
    assert not interrupted.value.complete
