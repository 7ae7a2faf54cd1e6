"""The hostile corpus: learner files that attack the grader, graded through the real CLI.

tests/hostile/*.py attack the grader; tests/hostile/noisy/*.py are correct answers that behave
badly in harmless ways and must still get full marks. A hostile file's header says what must
come of it:

    # verdict: passed|failed|error   the result's status (and so the exit code, 0 or 1);
                                     two, as in failed|error, where the level decides
    # score: 0|full                  the marks it gets: none, or all (it earned them)
    # expect: TEXT                   TEXT is in the feedback (messages and hints)
    # output: TEXT                   TEXT is in the captured output of the learner's code
    # absent: TEXT                   TEXT is nowhere in the result
    # wait: SECONDS                  wait this long after grading, then look for leftovers
    # needs: safe                    only a level safe for class grading withstands it

Every file is graded at every isolation level this machine offers (forced with
NN_GRADER_ISOLATION), except that a file which `needs: safe` is never run at a level that does
not claim to be safe for class grading: there it would really read, overwrite or kill things.
For every file, whatever it does: the CLI answers (never exit code 3) with exactly one JSON
document; the processes it started never held more memory together than the limit and a small
margin; no process it started is left running; nothing beside the submission, in /tmp, in
/var/tmp or in the installation changed; the HTML report escapes everything; and a secret in the
grader's environment appears nowhere in the result or the report. Each file is copied under a
name holding a random token, so the processes and files it leaves behind can be recognised.
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
import sys
import sysconfig
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TESTS_DIR, all_messages

from grader import cli
from grader.boundary import launch
from grader.boundary.launch import ENVIRONMENT_KEY, Limits
from grader.core import grading
from grader.course import paths as course
from grader.results import Result

HOSTILE_DIR = TESTS_DIR / "hostile"
HOSTILE = sorted(HOSTILE_DIR.glob("*.py"))
NOISY = sorted((HOSTILE_DIR / "noisy").glob("*.py"))
SHORT = Limits(test_seconds=1.0, import_seconds=4.0, submission_seconds=6.0)
# Graded by the installed `grader` executable with its default limits, in a process of its own.
EXECUTABLE = ("kill_parent", "setsid_grandchild", "print_environment", "fake_summary",
              "fork_touch_memory")
XSS = ("<script>alert(", "<img src=x", "</pre></details><h1>")
LEVELS = launch.candidate_levels()
SAFE = [level.key for level in LEVELS if level.safe]
# What the grading processes may hold beyond the learner's memory limit: the worker (pytest,
# NumPy, the suite), the sandbox's own processes and the stand-in parent.
MEMORY_MARGIN = 512 * 2**20


@dataclass
class Header:
    verdict: str
    score: str
    expect: list[str]
    output: list[str]
    absent: list[str]
    wait: float
    needs_safe: bool

    @classmethod
    def read(cls, path: Path) -> Header:
        text = path.read_text()

        def lines(key: str) -> list[str]:
            return [value.strip() for value in re.findall(rf"^# {key}: (.+)$", text, re.M)]

        verdict, score = lines("verdict"), lines("score")
        assert verdict and score, f"{path.name} needs `# verdict:` and `# score:` lines"
        assert lines("needs") in ([], ["safe"]), f"{path.name}: `# needs:` can only be safe"
        wait = lines("wait")
        return cls(verdict[0], score[0], lines("expect"), lines("output"), lines("absent"),
                   float(wait[0]) if wait else 0.0, lines("needs") == ["safe"])


def at_every_level(paths: list[Path]) -> list:
    """(level key, file) for every level here and every file that level can withstand."""
    return [pytest.param(level.key, path, id=f"{level.key}-{path.stem}")
            for path in paths for level in LEVELS
            if level.safe or not re.search(r"^# needs: safe$", path.read_text(), re.M)]


class MemoryWatch:
    """While grading runs, samples every 20 ms the memory every process below this one holds,
    together (their proportional set sizes: a page shared after a fork counts once), and how
    far the machine's MemAvailable fell (other work on the machine moves that one too)."""

    def __init__(self) -> None:
        self.peak = 0
        self.available_drop = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> MemoryWatch:
        self._start_available = _mem_available()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def __str__(self) -> str:
        return (f"memory: the grading processes held at most {self.peak / 2**20:.0f} MiB "
                f"together; MemAvailable fell by at most {self.available_drop / 2**20:.0f} MiB")

    def _watch(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, sum(_pss(pid) for pid in _descendants(os.getpid())))
            self.available_drop = max(self.available_drop,
                                      self._start_available - _mem_available())
            self._stop.wait(0.02)


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as handle:
                    parent = int(handle.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, stack = [], [root]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


def _pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
            for line in handle:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def _mem_available() -> int:
    with open("/proc/meminfo", "rb") as handle:
        for line in handle:
            if line.startswith(b"MemAvailable:"):
                return int(line.split()[1]) * 1024
    return 0


@dataclass
class Graded:
    exit_code: int
    stdout: str
    stderr: str
    html: str
    seconds: float
    memory: MemoryWatch

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
        installation = [course.PACKAGE_DIR, *course.PACKAGE_DIR.rglob("__pycache__"),
                        *(path for path in course.PACKAGE_DIR.iterdir() if path.is_dir()),
                        *sysconfig.get_paths().values(), *sys.path]
        for folder in ("/tmp", "/var/tmp", *installation):
            found += glob.glob(f"{glob.escape(str(folder))}/*{self.token}*")
            for name in ("result.json",):
                path = Path(folder, name)
                try:
                    if self.token in path.read_text(errors="replace"):
                        found.append(str(path))
                except OSError:
                    pass
        return found


def grade_in_process(scene: Scene, monkeypatch, limits: Limits | None, level: str) -> Graded:
    """`grader check` through click's runner, in this process; the worker is still its own."""
    monkeypatch.setenv("NN_GRADER_TEST_SECRET", scene.secret)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv(ENVIRONMENT_KEY, level)
    if limits is not None:
        monkeypatch.setattr(grading, "Limits", functools.partial(
            Limits, test_seconds=limits.test_seconds, import_seconds=limits.import_seconds,
            submission_seconds=limits.submission_seconds))
    started = time.monotonic()
    with MemoryWatch() as memory:
        outcome = CliRunner().invoke(cli.main, scene.arguments(), catch_exceptions=False)
    seconds = time.monotonic() - started
    html = scene.report.read_text() if scene.report.exists() else ""
    return Graded(outcome.exit_code, outcome.stdout, outcome.stderr, html, seconds, memory)


def grade_with_executable(scene: Scene, level: str) -> Graded:
    """The installed `grader` executable, with a secret in its environment."""
    executable = shutil.which("grader")
    assert executable, "the package is installed, so `grader` is on PATH"
    env = {**os.environ, "NN_GRADER_TEST_SECRET": scene.secret, "NO_COLOR": "1",
           ENVIRONMENT_KEY: level}
    started = time.monotonic()
    with MemoryWatch() as memory:
        outcome = subprocess.run([executable, *scene.arguments()], capture_output=True,
                                 text=True, env=env, timeout=300, check=False,
                                 cwd=scene.folder.parent)
    seconds = time.monotonic() - started
    html = scene.report.read_text() if scene.report.exists() else ""
    return Graded(outcome.returncode, outcome.stdout, outcome.stderr, html, seconds, memory)


def assert_contained(scene: Scene, graded: Graded, limits: Limits, wait: float = 0.0) -> None:
    """What must hold whatever the file did: an answer, and no trace of it outside."""
    assert graded.exit_code in (0, 1), f"exit code {graded.exit_code}: {graded.stderr[-2000:]}"
    budget = grading.worker_budget(limits) + 30
    assert graded.seconds < budget, "the grader did not answer within its own outer limit"
    assert graded.memory.peak < limits.memory_bytes + MEMORY_MARGIN, str(graded.memory)
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
    assert result.status.value in header.verdict.split("|"), messages
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


@pytest.mark.parametrize(("level", "path"), at_every_level(HOSTILE))
def test_hostile_file_is_contained(level, path, tmp_path, monkeypatch):
    header = Header.read(path)
    scene = Scene(tmp_path, path)
    graded = grade_in_process(scene, monkeypatch, SHORT, level)
    print(graded.memory)  # shown with -rP: the figures the README quotes
    assert_contained(scene, graded, SHORT, header.wait)
    assert_verdict(header, graded)
    assert path.read_bytes() == scene.submission.read_bytes(), "the submission itself changed"


@pytest.mark.parametrize(("level", "path"),
                         at_every_level([HOSTILE_DIR / f"{name}.py" for name in EXECUTABLE]))
def test_hostile_file_through_the_installed_executable(level, path, tmp_path):
    header = Header.read(path)
    scene = Scene(tmp_path, path)
    graded = grade_with_executable(scene, level)
    print(graded.memory)
    assert_contained(scene, graded, Limits(), header.wait)
    assert_verdict(header, graded)


@pytest.mark.parametrize(("level", "path"), at_every_level(NOISY))
def test_noisy_but_correct_file_gets_full_marks(level, path, tmp_path, monkeypatch):
    scene = Scene(tmp_path, path)
    graded = grade_in_process(scene, monkeypatch, None, level)
    assert_contained(scene, graded, Limits())
    result = graded.result
    assert graded.exit_code == 0, all_messages(result)
    assert result.score == result.max_score


def test_every_hostile_file_says_what_it_attacks():
    for path in HOSTILE + NOISY:
        first = path.read_text().splitlines()[0]
        assert first.startswith("# ") and len(first) > 20, f"{path.name}: say what it does"


COPYIST = '''
# Spends 8 s at import looking for another learner's softmax while the class is graded: in
# every learner folder in /tmp, the folders above its own, and through /proc/*/cwd and
# /proc/*/root of every process. Copies what it finds, and plants a file beside it.
import os
import time
from pathlib import Path

import numpy as np

own = Path(__file__).resolve()
copied = None
places = ["/tmp", "/var/tmp", str(own.parent.parent), str(own.parent.parent.parent)]
deadline = time.monotonic() + 8
while copied is None and time.monotonic() < deadline:
    roots = list(places)
    for pid in (name for name in os.listdir("/proc") if name.isdigit()):
        roots += [f"/proc/{pid}/cwd", f"/proc/{pid}/root/tmp"]
    for root in roots:
        for folder, subfolders, files in os.walk(root):
            if folder.count(os.sep) - root.count(os.sep) >= 4:
                subfolders[:] = []
            for name in files:
                path = Path(folder, name)
                if not name.endswith(".py") or path.resolve() == own:
                    continue
                try:
                    text = path.read_text()
                except (OSError, ValueError):
                    continue
                if "def softmax" in text:
                    copied = text
                    print("COPIED", path)
                    try:
                        Path(folder, "planted.txt").write_text("mallory was here")
                        print("PLANTED beside", path)
                    except OSError:
                        pass
    time.sleep(0.2)
namespace = {}
if copied is not None:
    exec(copied, namespace)


def softmax(L):
    if "softmax" in namespace:
        return namespace["softmax"](L)
    return np.zeros(len(L))
'''


@pytest.mark.parametrize("level", SAFE)
def test_a_learner_cannot_copy_a_classmate_during_a_concurrent_batch(level, tmp_path,
                                                                     monkeypatch):
    marker = f"ana-{secrets.token_hex(8)}"
    folder = tmp_path / "class"
    (folder / "ana").mkdir(parents=True)
    (folder / "mallory").mkdir()
    ana = (f"# {marker}\nimport time\n\ntime.sleep(3)\n\n"
           + course.solution_path("softmax").read_text())
    (folder / "ana" / "softmax.py").write_text(ana)
    (folder / "mallory" / "softmax.py").write_text(COPYIST)
    monkeypatch.setenv(ENVIRONMENT_KEY, level)
    monkeypatch.setenv("NO_COLOR", "1")
    out = tmp_path / "out"
    outcome = CliRunner().invoke(cli.main, ["report", str(folder), "-o", str(out), "--jobs",
                                            "2"], catch_exceptions=False)
    assert outcome.exit_code == 0, outcome.stderr
    results = {record["batch"]["learner"]: record
               for record in map(json.loads, (out / "results.jsonl").read_text().splitlines())}
    mallory, theirs = results["mallory"], results["ana"]
    assert theirs["score"] == theirs["max_score"], "ana was graded while mallory searched"
    assert "COPIED" not in mallory["output"] and marker not in json.dumps(mallory)
    assert mallory["score"] == 0
    assert sorted(path.name for path in (folder / "ana").iterdir()) == ["softmax.py"]
    assert (folder / "ana" / "softmax.py").read_text() == ana
