"""The hostile corpus: learner files that attack the grader, graded through the real CLI.

tests/hostile/*.py attack the grader; tests/hostile/noisy/*.py are correct answers that behave
badly in harmless ways and must still get full marks. A hostile file's header says what must
come of it:

    # verdict: passed|failed|error   the result's status (and so the exit code, 0 or 1)
    # score: 0|full                  the marks it gets: none, or all (it earned them)
    # expect: TEXT                   TEXT is in the feedback (messages and hints)
    # output: TEXT                   TEXT is in the captured output of the learner's code
    # absent: TEXT                   TEXT is nowhere in the result
    # wait: SECONDS                  wait this long after grading, then look for leftovers

For every file, whatever it does: the CLI answers (never exit code 3) with exactly one JSON
document; no process it started is left running; nothing beside the submission, in /tmp or in
/var/tmp changed; the HTML report escapes everything; and a secret in the grader's environment
appears nowhere in the result or the report. Each file is copied under a name holding a random
token, so the processes and files it leaves behind can be recognised.
"""

from __future__ import annotations

import functools
import glob
import hashlib
import json
import os
import re
import secrets
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TESTS_DIR, all_messages

from grader import cli
from grader.boundary.launch import Limits
from grader.core import grading
from grader.course import paths as course
from grader.results import Result

HOSTILE_DIR = TESTS_DIR / "hostile"
HOSTILE = sorted(HOSTILE_DIR.glob("*.py"))
NOISY = sorted((HOSTILE_DIR / "noisy").glob("*.py"))
SHORT = Limits(test_seconds=1.0, import_seconds=4.0, submission_seconds=6.0)
# Graded by the installed `grader` executable with its default limits, in a process of its own.
EXECUTABLE = ("kill_parent", "setsid_grandchild", "print_environment", "fake_summary")
XSS = ("<script>alert(", "<img src=x", "</pre></details><h1>")


@dataclass
class Header:
    verdict: str
    score: str
    expect: list[str]
    output: list[str]
    absent: list[str]
    wait: float

    @classmethod
    def read(cls, path: Path) -> Header:
        text = path.read_text()

        def lines(key: str) -> list[str]:
            return [value.strip() for value in re.findall(rf"^# {key}: (.+)$", text, re.M)]

        verdict, score = lines("verdict"), lines("score")
        assert verdict and score, f"{path.name} needs `# verdict:` and `# score:` lines"
        wait = lines("wait")
        return cls(verdict[0], score[0], lines("expect"), lines("output"), lines("absent"),
                   float(wait[0]) if wait else 0.0)


@dataclass
class Graded:
    exit_code: int
    stdout: str
    stderr: str
    html: str
    seconds: float

    @property
    def result(self) -> Result:
        return Result.from_json(self.stdout)


class Scene:
    """A class folder holding one submission, planted files beside it, and a secret."""

    def __init__(self, root: Path, source: Path) -> None:
        self.token = secrets.token_hex(6)
        self.secret = f"nn-secret-{secrets.token_hex(16)}"
        self.folder = root / "class"
        self.folder.mkdir()
        self.submission = self.folder / f"{source.stem}_{self.token}.py"
        shutil.copyfile(source, self.submission)
        (self.folder / "notes.txt").write_text("the learner's other work\n")
        (self.folder / "result.json").write_text('{"planted": "by the test", "score": 0}\n')
        (self.folder / "softmax_result.json").write_text('{"planted": true}\n')
        (self.folder / "solutions").mkdir()
        (self.folder / "solutions" / "softmax.py").write_text("# a decoy\n")
        self.report = root / "reports" / "report.html"
        self.before = self.snapshot()

    def snapshot(self) -> dict[str, str]:
        return {str(path.relative_to(self.folder)): hashlib.sha256(path.read_bytes()).hexdigest()
                for path in sorted(self.folder.rglob("*")) if path.is_file()}

    def arguments(self) -> list[str]:
        return ["check", str(self.submission), "--exercise", "softmax", "--format", "json",
                "--html", str(self.report), "--seed", "20261129"]

    def leftovers(self) -> list[str]:
        """Command lines of running processes that carry this scene's token."""
        found = []
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit() or int(entry.name) == os.getpid():
                continue
            try:
                with open(f"/proc/{entry.name}/cmdline", "rb") as handle:
                    command = handle.read()
            except OSError:
                continue
            if self.token.encode() in command:
                found.append(command.replace(b"\0", b" ").decode(errors="replace")[:200])
        return found

    def stray_files(self) -> list[str]:
        found = []
        for folder in ("/tmp", "/var/tmp"):
            found += glob.glob(f"{folder}/*{self.token}*")
            for name in ("result.json",):
                path = Path(folder, name)
                try:
                    if self.token in path.read_text(errors="replace"):
                        found.append(str(path))
                except OSError:
                    pass
        return found


def grade_in_process(scene: Scene, monkeypatch, limits: Limits | None) -> Graded:
    """`grader check` through click's runner, in this process; the worker is still its own."""
    monkeypatch.setenv("NN_GRADER_TEST_SECRET", scene.secret)
    monkeypatch.setenv("NO_COLOR", "1")
    if limits is not None:
        monkeypatch.setattr(grading, "Limits", functools.partial(
            Limits, test_seconds=limits.test_seconds, import_seconds=limits.import_seconds,
            submission_seconds=limits.submission_seconds))
    started = time.monotonic()
    outcome = CliRunner().invoke(cli.main, scene.arguments(), catch_exceptions=False)
    seconds = time.monotonic() - started
    html = scene.report.read_text() if scene.report.exists() else ""
    return Graded(outcome.exit_code, outcome.stdout, outcome.stderr, html, seconds)


def grade_with_executable(scene: Scene) -> Graded:
    """The installed `grader` executable, with a secret in its environment."""
    executable = shutil.which("grader")
    assert executable, "the package is installed, so `grader` is on PATH"
    env = {**os.environ, "NN_GRADER_TEST_SECRET": scene.secret, "NO_COLOR": "1"}
    started = time.monotonic()
    outcome = subprocess.run([executable, *scene.arguments()], capture_output=True, text=True,
                             env=env, timeout=300, check=False, cwd=scene.folder.parent)
    seconds = time.monotonic() - started
    html = scene.report.read_text() if scene.report.exists() else ""
    return Graded(outcome.returncode, outcome.stdout, outcome.stderr, html, seconds)


def assert_contained(scene: Scene, graded: Graded, limits: Limits, wait: float = 0.0) -> None:
    """What must hold whatever the file did: an answer, and no trace of it outside."""
    assert graded.exit_code in (0, 1), f"exit code {graded.exit_code}: {graded.stderr[-2000:]}"
    budget = grading.worker_budget(limits) + 30
    assert graded.seconds < budget, "the grader did not answer within its own outer limit"
    document = json.loads(graded.stdout)  # exactly one JSON document, nothing else on stdout
    assert len(graded.stdout) < 1_000_000, "the result grew with what the learner sent"
    assert document["schema"] == 1
    assert graded.exit_code == (0 if document["status"] == "passed" else 1)
    for place, text in (("result", graded.stdout), ("stderr", graded.stderr),
                        ("report", graded.html)):
        assert scene.secret not in text, f"the grader's environment leaked into the {place}"
    assert graded.html, "the HTML report was written"
    for raw in XSS:
        assert raw not in graded.html, f"unescaped {raw!r} in the HTML report"
    if wait:
        time.sleep(wait)
    deadline = time.monotonic() + 5
    while scene.leftovers() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert scene.leftovers() == [], "learner processes are still running"
    assert scene.snapshot() == scene.before, "files beside the submission changed"
    assert scene.stray_files() == [], "the learner's code wrote outside its working directory"


def assert_verdict(header: Header, graded: Graded) -> None:
    result = graded.result
    messages = all_messages(result)
    assert result.status.value == header.verdict, messages
    if header.score == "full":
        assert result.score == result.max_score > 0, messages
    else:
        assert result.score == float(header.score), messages
    for text in header.expect:
        assert text in messages, f"{text!r} not in the feedback:\n{messages}"
    for text in header.output:
        assert text in result.output, f"{text!r} not in the captured output"
    for text in header.absent:
        assert text not in graded.stdout, f"{text!r} in the result:\n{result.output[:3000]}"


@pytest.fixture(scope="module")
def sandboxed():
    """The hostile corpus runs only where the strongest level works: some of these files
    would really delete, overwrite and kill things in a plain process."""
    result = grading.grade(course.solution_path("softmax"), "softmax", seed=1)
    assert result.isolation.startswith("bubblewrap:"), (
        "bubblewrap does not work here (install Debian's bubblewrap; .ci/run does); "
        f"isolation was {result.isolation!r}")


@pytest.mark.parametrize("path", HOSTILE, ids=lambda path: path.stem)
def test_hostile_file_is_contained(path, tmp_path, monkeypatch, sandboxed):
    header = Header.read(path)
    scene = Scene(tmp_path, path)
    graded = grade_in_process(scene, monkeypatch, SHORT)
    assert_contained(scene, graded, SHORT, header.wait)
    assert_verdict(header, graded)
    assert path.read_bytes() == scene.submission.read_bytes(), "the submission itself changed"


@pytest.mark.parametrize("name", EXECUTABLE)
def test_hostile_file_through_the_installed_executable(name, tmp_path, sandboxed):
    path = HOSTILE_DIR / f"{name}.py"
    header = Header.read(path)
    scene = Scene(tmp_path, path)
    graded = grade_with_executable(scene)
    assert_contained(scene, graded, Limits(), header.wait)
    assert_verdict(header, graded)


@pytest.mark.parametrize("path", NOISY, ids=lambda path: path.stem)
def test_noisy_but_correct_file_gets_full_marks(path, tmp_path, monkeypatch, sandboxed):
    scene = Scene(tmp_path, path)
    graded = grade_in_process(scene, monkeypatch, None)
    assert_contained(scene, graded, Limits())
    result = graded.result
    assert graded.exit_code == 0, all_messages(result)
    assert result.score == result.max_score


def test_every_hostile_file_says_what_it_attacks():
    for path in HOSTILE + NOISY:
        first = path.read_text().splitlines()[0]
        assert first.startswith("# ") and len(first) > 20, f"{path.name}: say what it does"
