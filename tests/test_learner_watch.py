"""`grader watch` as a learner uses it: a real process on a temporary workspace, edited while it
runs. Each wait is bounded but generous (the machine is shared); no wall time is asserted."""

from __future__ import annotations

import json
import os
import pty
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from grader.course import catalog
from grader.course import paths as course
from grader.study import progress

WAIT_SECONDS = 120

WRONG = "def softmax(L):\n    return L\n"
HALF_TYPED = "import numpy as np\n\ndef softmax(L:\n"
RIGHT = "import numpy as np\n\n\ndef softmax(L):\n    e = np.exp(L)\n    return e / e.sum()\n"


class Watch:
    """`grader watch ARGS` in `cwd`, its output collected as it comes, stdin a terminal."""

    def __init__(self, cwd: Path, *args: str) -> None:
        self.keyboard, terminal = pty.openpty()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "grader", "watch", *args], cwd=cwd, stdin=terminal,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            env={**os.environ, "NO_COLOR": "1", "PYTHONUNBUFFERED": "1"})
        os.close(terminal)
        self._chunks: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in iter(self.process.stdout.readline, b""):
            self._chunks.append(line.decode("utf-8", errors="replace"))

    @property
    def output(self) -> str:
        return "".join(self._chunks)

    def verdicts(self, title: str) -> list[str]:
        """Each verdict shown so far: from its first line to the footer."""
        return re.findall(rf"^{re.escape(title)}.*?^Watching", self.output, re.M | re.S)

    def wait_for_verdict(self, title: str, number: int) -> str:
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            found = self.verdicts(title)
            if len(found) >= number:
                return found[number - 1]
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        pytest.fail(f"verdict {number} for {title!r} did not come; output so far:\n"
                    + self.output)

    def wait_for_text(self, text: str) -> None:
        deadline = time.monotonic() + WAIT_SECONDS
        while text not in self.output and time.monotonic() < deadline:
            time.sleep(0.1)
        assert text in self.output, self.output

    def type(self, line: str) -> None:
        os.write(self.keyboard, line.encode() + b"\n")

    def interrupt(self) -> int:
        self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout=WAIT_SECONDS)
        finally:
            self._reader.join(timeout=10)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self._reader.join(timeout=10)
        self.process.stdout.close()
        os.close(self.keyboard)


@pytest.fixture
def workspace(run_cli, tmp_path) -> Path:
    assert run_cli("init").exit_code == 0
    return tmp_path / "nn-course"


@pytest.fixture
def watches():
    started: list[Watch] = []

    def start(cwd: Path, *args: str) -> Watch:
        started.append(Watch(cwd, *args))
        return started[-1]

    yield start
    for watch in started:
        watch.close()


def test_watch_a_file_through_wrong_half_typed_and_right(workspace, watches):
    title = "Softmax (softmax.py): "
    watch = watches(workspace, "softmax.py")
    first = watch.wait_for_verdict(title, 1)
    assert "0/10 — not yet" in first and "Not started yet" in first

    (workspace / "softmax.py").write_text(WRONG)
    wrong = watch.wait_for_verdict(title, 2)
    assert "not yet" in wrong and "Not started yet" not in wrong
    assert "✗ " in wrong  # the first failing test, with its message

    (workspace / "softmax.py").write_text(HALF_TYPED)
    half = watch.wait_for_verdict(title, 3)
    assert "could not be graded" in half and "SyntaxError" in half

    # The hints the verdicts showed count as seen: h shows the first one none of them showed,
    # the one the line under each verdict offered, and says how to get more in the watch's terms.
    seen = _hints_in(first + wrong + half)
    count = len(catalog.get("softmax").hints)
    unseen = min(set(range(1, count + 1)) - seen)
    assert f"Stuck? Press h and Enter for hint {unseen} of {count}." in half
    watch.type("h")
    watch.wait_for_text(f"Hint {unseen} of {count} for Softmax:")
    after_hint = watch.output.split(f"Hint {unseen} of {count} for Softmax:")[1]
    if unseen < count:
        watch.wait_for_text(f"Press h and Enter again for hint {unseen + 1}.")
    assert "grader hint" not in after_hint

    (workspace / "softmax.py").write_text(RIGHT)
    right = watch.wait_for_verdict(title, 4)
    assert "10/10 — full marks" in right
    assert f"Next: {catalog.exercises()[0].title}" in right  # the first exercise not done

    assert watch.interrupt() == 0
    assert "Stopped watching." in watch.output
    assert "Traceback" not in watch.output
    saved = progress.Store(workspace / ".grader" / "progress.json").load().of("softmax")
    assert saved.attempts == 4 and saved.done
    # the last verdict's hints count too: under the overflow challenge this answer fails
    assert saved.hints_seen == sorted(seen | {unseen} | _hints_in(right))
    assert (workspace / ".grader" / "reports" / "softmax.html").is_file()


def test_watch_the_workspace_starts_with_the_next_exercise(workspace, watches):
    def done_before_softmax(state: progress.Progress) -> None:
        for exercise in catalog.exercises()[: catalog.names().index("softmax")]:
            state.entry(exercise.name).full_marks_at = "2026-01-01T00:00:00+00:00"

    progress.Store(workspace / ".grader" / "progress.json").update(done_before_softmax)
    watch = watches(workspace)  # no PATH: the whole workspace
    assert "Not started yet" in watch.wait_for_verdict("Softmax (softmax.py): ", 1)

    shutil.copyfile(course.solution_path("cross_entropy"), workspace / "cross_entropy.py")
    verdict = watch.wait_for_verdict("Cross entropy (cross_entropy.py): ", 1)
    assert "10/10 — full marks" in verdict

    watch.type("q")
    assert watch.process.wait(timeout=WAIT_SECONDS) == 0
    assert "Stopped watching." in watch.output
    saved = json.loads((workspace / ".grader" / "progress.json").read_text())
    assert saved["exercises"]["cross_entropy"]["full_marks_at"]


def test_after_full_marks_the_watch_moves_on_to_the_next_exercises_file(workspace, watches):
    def done_before_softmax(state: progress.Progress) -> None:
        for exercise in catalog.exercises()[: catalog.names().index("softmax")]:
            state.entry(exercise.name).full_marks_at = "2026-01-01T00:00:00+00:00"

    progress.Store(workspace / ".grader" / "progress.json").update(done_before_softmax)
    watch = watches(workspace)
    watch.wait_for_verdict("Softmax (softmax.py): ", 1)
    (workspace / "softmax.py").write_text(RIGHT)
    right = watch.wait_for_verdict("Softmax (softmax.py): ", 2)
    assert "10/10 — full marks" in right
    assert "→ Next: Cross entropy." in right and "Open cross_entropy.py" in right
    assert "Run: grader check" not in right

    watch.type("h")  # the hint is now the next exercise's
    watch.wait_for_text("Hint 1 of 3 for Cross entropy:")
    watch.type("")  # and Enter checks its file
    moved = watch.wait_for_verdict("Cross entropy (cross_entropy.py): ", 1)
    assert "Not started yet" in moved
    watch.type("q")
    assert watch.process.wait(timeout=WAIT_SECONDS) == 0


def _hints_in(text: str) -> set[int]:
    return {int(number) for number in re.findall(r"^\s*Hint (\d+):", text, re.M)}


def test_watch_refusals(run_cli, tmp_path):
    assert run_cli("watch").exit_code == 2  # no PATH, and not in a workspace
    (tmp_path / "notes.py").write_text("x = 1\n")
    outcome = run_cli("watch", "notes.py")
    assert outcome.exit_code == 2 and "softmax" in outcome.stderr
    (tmp_path / "empty").mkdir()
    outcome = run_cli("watch", "empty")
    assert outcome.exit_code == 2 and "holds no exercise files" in outcome.stderr
    assert run_cli("watch", "missing.py").exit_code == 2
    assert run_cli("watch", "empty", "--exercise", "softmax").exit_code == 2
