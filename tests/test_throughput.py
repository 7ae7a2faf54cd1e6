"""The batch pool's fast path, the learner template (boundary/template.py), keeps every wall.

The whole hostile corpus is graded as one class through `grader report`, on the preforked level,
beside honest learners and learners that look for each other: each hostile file must be
contained as `grader check` contains it, the honest learners must get the grades they get
alone, and no learner may find another's files, processes or memory. The template is offered
by the pool only where it runs as root; elsewhere the pool starts fresh learner processes, and
these tests have nothing to check.
"""

from __future__ import annotations

import functools
import os
import secrets
import shutil
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import all_messages
from test_hostile import HOSTILE, SHORT, Header, _descendants

from grader import cli
from grader.batch import executor, run, store
from grader.boundary import launch, process
from grader.boundary.launch import Limits
from grader.course import paths as course
from grader.results import Result

pytestmark = pytest.mark.skipif(os.getuid() != 0, reason="the learner template runs as root")

# Writes a marker to every place another learner might look, and leaves a thread, a big block
# of memory holding the marker, and its working folder full of it behind when it is graded.
LEAVER = '''
# Leaves traces for later learners: files, a thread, memory.
import os
import threading
import time

import numpy as np

MARK = "{reversed}"[::-1]
for folder in (".", "/tmp", "/dev/shm", os.environ.get("HOME", "."), "/var/tmp"):
    try:
        with open(os.path.join(folder, "left_" + MARK + ".txt"), "w") as handle:
            handle.write(MARK)
    except OSError:
        pass
HELD = (MARK * (64 * 1024 * 1024 // len(MARK))).encode()
threading.Thread(target=time.sleep, args=(600,), daemon=True).start()
os.environ["LEFT"] = MARK

{solution}
'''

# Looks for those traces, and for any process but its own, and reports what it found.
SEEKER = '''
# Looks for what other learners left: files, processes, memory, environment.
import os

import numpy as np

MARK = "{reversed}"[::-1]
found = []
for folder in (".", "/tmp", "/dev/shm", os.environ.get("HOME", "."), "/var/tmp"):
    try:
        names = os.listdir(folder)
    except OSError:
        continue
    found += [folder + "/" + name for name in names if name.startswith("left_")]
pids = sorted(int(name) for name in os.listdir("/proc") if name.isdigit())
if pids != [1, os.getpid()]:
    found.append("processes " + str(pids))
if "LEFT" in os.environ:
    found.append("environment")
needle = MARK.encode()
copies = 0
with open("/proc/self/maps") as maps, open("/proc/self/mem", "rb", buffering=0) as memory:
    for line in maps:
        fields = line.split()
        if "rw" not in fields[1] or (len(fields) > 5 and fields[5].startswith("/")):
            continue
        start, end = (int(part, 16) for part in fields[0].split("-"))
        try:
            memory.seek(start)
            copies += memory.read(end - start).count(needle)
        except (OSError, OverflowError, ValueError):
            pass
if copies > 16:
    found.append(f"memory: {{copies}} copies")
print("FOUND" if found else "CLEAN", found)

{solution}
'''


@pytest.fixture
def short_limits(monkeypatch):
    monkeypatch.setattr(run, "Limits", functools.partial(
        Limits, test_seconds=SHORT.test_seconds, import_seconds=SHORT.import_seconds,
        submission_seconds=SHORT.submission_seconds))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv(launch.ENVIRONMENT_KEY, raising=False)
    monkeypatch.delenv(executor.PREFORKED_KEY, raising=False)


def _report(folder: Path, out: Path, jobs: int) -> dict[str, Result]:
    outcome = CliRunner().invoke(cli.main, ["report", str(folder), "-o", str(out), "--jobs",
                                            str(jobs), "--fresh", "--seed", "20261130"],
                                 catch_exceptions=False)
    assert outcome.exit_code == 0, outcome.stderr
    results = {}
    for line in (out / "results.jsonl").read_text().splitlines():
        record = store.Record.from_line(line)
        results[record.learner] = record.result
    return results


def _alike(result: Result) -> list:
    return [(test.id, test.status, test.score, test.message) for test in result.tests]


def test_the_hostile_corpus_as_a_class_is_contained_on_the_fast_path(short_limits, tmp_path,
                                                                        monkeypatch):
    secret = f"nn-secret-{secrets.token_hex(16)}"
    monkeypatch.setenv("NN_GRADER_TEST_SECRET", secret)
    folder = tmp_path / "class"
    solution = course.solution_path("softmax").read_text()
    wrong = solution.replace("return ", "return 2 * ", 1)
    assert wrong != solution
    for path in HOSTILE:
        (folder / f"h_{path.stem}").mkdir(parents=True)
        shutil.copyfile(path, folder / f"h_{path.stem}" / "softmax.py")
    # Honest learners on both sides of the hostile ones, in the order the pool takes them.
    for name, text in (("a_right", solution), ("a_wrong", wrong), ("z_right", solution),
                       ("z_wrong", wrong)):
        (folder / name).mkdir()
        (folder / name / "softmax.py").write_text(text)
    before = {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*")
              if p.is_file()}

    results = _report(folder, tmp_path / "out", jobs=2)

    for name, result in results.items():
        assert result.isolation.startswith("preforked: "), (name, result.isolation)
        assert secret not in result.to_json(), f"{name} saw the grader's environment"
    for path in HOSTILE:
        header, result = Header.read(path), results[f"h_{path.stem}"]
        messages = all_messages(result)
        assert result.status.value in header.verdict.split("|"), (path.name, messages)
        expected = result.max_score if header.score == "full" else float(header.score)
        assert result.score == expected, (path.name, messages)
        for text in header.expect:
            assert text in messages, (path.name, text, messages)
        for text in header.output:
            assert text in result.output, (path.name, text)
        for text in header.absent:
            assert text not in result.to_json(), (path.name, text, result.output[:3000])
    alone = _report(_only(folder, ("a_right", "a_wrong"), tmp_path / "alone"),
                    tmp_path / "out-alone", jobs=1)
    for name in ("a_right", "z_right"):
        assert results[name].score == results[name].max_score > 0, all_messages(results[name])
        assert _alike(results[name]) == _alike(alone["a_right"])
    for name in ("a_wrong", "z_wrong"):
        assert results[name].score < results[name].max_score
        assert _alike(results[name]) == _alike(alone["a_wrong"])
    after = {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*")
             if p.is_file()}
    assert after == before, "files in the class folder changed"
    assert _templates_left() == [], "a template, stand-in or learner outlived the run"


def _templates_left() -> list[str]:
    """Command lines of the learner templates (and their forks) below this process still
    running. Vetting the level made this process a subreaper (process.LearnerProcess.start),
    so what the pool's zygote left behind would have been adopted here. The template this
    process started for itself (a test grading in-process at the preforked level) is not one."""
    own = {template.pid for template in process._templates}
    deadline = time.monotonic() + 5
    while True:
        found = []
        for pid in set(_descendants(os.getpid())) - own:
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as handle:
                    command = handle.read()
            except OSError:
                continue
            if b"grader.boundary.template" in command:
                found.append(command.replace(b"\0", b" ").decode(errors="replace"))
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.1)


def _only(folder: Path, learners: tuple[str, ...], target: Path) -> Path:
    for learner in learners:
        shutil.copytree(folder / learner, target / learner)
    return target


@pytest.mark.parametrize("jobs", [1, 2])
def test_learners_forked_from_one_template_find_nothing_of_each_other(short_limits, tmp_path,
                                                                       jobs):
    reversed_mark = f"mark-{secrets.token_hex(12)}"[::-1]
    solution = course.solution_path("softmax").read_text()
    folder = tmp_path / "class"
    # Leavers first in the pool's order, seekers after them and between them.
    for index in range(3):
        for role, template in (("a_leaver", LEAVER), ("b_seeker", SEEKER)):
            (folder / f"{role}{index}").mkdir(parents=True)
            (folder / f"{role}{index}" / "softmax.py").write_text(
                template.format(reversed=reversed_mark, solution=solution))

    results = _report(folder, tmp_path / "out", jobs=jobs)

    assert len(results) == 6
    for name, result in results.items():
        assert result.isolation.startswith("preforked: "), (name, result.isolation)
        assert result.score == result.max_score > 0, (name, all_messages(result))
        if "seeker" in name:
            assert result.output.startswith("CLEAN []"), (name, result.output)
    assert not list(Path("/tmp").glob(f"left_{reversed_mark[::-1]}*"))
    assert not list(Path("/dev/shm").glob(f"left_{reversed_mark[::-1]}*"))
    assert _templates_left() == []


def test_the_old_path_stays_selectable(short_limits, tmp_path, monkeypatch):
    folder = tmp_path / "class"
    (folder / "ana").mkdir(parents=True)
    (folder / "ana" / "softmax.py").write_text(course.solution_path("softmax").read_text())
    monkeypatch.setenv(executor.PREFORKED_KEY, "0")
    result = _report(folder, tmp_path / "out", jobs=1)["ana"]
    assert result.score == result.max_score
    assert not result.isolation.startswith("preforked"), result.isolation


# What a learner process sees of itself that a fork could have carried over from the template.
SELF_PORTRAIT = '''
import os
import stat

import numpy as np


def kind(fd):
    try:
        mode = os.fstat(int(fd)).st_mode
    except OSError:
        return None  # the folder listdir itself had open
    return [name for name in ("S_ISSOCK", "S_ISCHR", "S_ISREG", "S_ISFIFO", "S_ISDIR")
            if getattr(stat, name)(mode)]


status = dict(line.split(":\\t", 1) for line in open("/proc/self/status").read().splitlines()
              if ":\\t" in line)
fds = [kind(fd) for fd in sorted(os.listdir("/proc/self/fd"), key=int)]
seen = repr((sorted(k for k in fds if k is not None), sorted(os.environ.items()), os.getuid(),
             os.getgid(), os.getgroups(), os.umask(0o022),
             [status[key].strip() for key in ("SigBlk", "SigIgn", "CapInh", "CapPrm", "CapEff",
                                              "CapBnd", "CapAmb", "NoNewPrivs", "Seccomp")],
             sorted(name for name in os.listdir("/proc") if name.isdigit())))
print(seen.replace(os.getcwd(), "WORKDIR"))
print(np.random.get_state()[1][1:5].tolist())
'''


def _portrait(isolation: str) -> tuple[str, str]:
    with tempfile.TemporaryFile() as output:
        learner = process.LearnerProcess(SELF_PORTRAIT.encode(), "portrait.py", Limits(),
                                         output.fileno(), isolation)
        try:
            learner.start()
            learner.await_hello()
            assert "ready" in learner.wait_import()
            assert learner.level.key == isolation
        finally:
            learner.kill()
        output.seek(0)
        seen, state = output.read().decode().splitlines()
    return seen, state


def test_a_learner_forked_from_the_template_sees_itself_as_a_fresh_one_does():
    fresh, _ = _portrait("unshare")
    first, first_state = _portrait("preforked")
    second, second_state = _portrait("preforked")
    assert first == fresh == second
    assert first_state != second_state, "two learners drew the same NumPy random state"
