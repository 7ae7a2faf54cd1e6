"""Each isolation level, forced with NN_GRADER_ISOLATION, grades correctly and keeps its promises.

A probe submission (a correct softmax) reports what it can see and do from inside: its uid, its
environment, stdin, the network (a port this test listens on), the filesystem outside its
folder, the suites and solutions, this test's process. It also leaves a grandchild behind in a
session of its own. What each level must prevent follows from the layers it claims in the
result's `isolation` field; what a weaker level cannot prevent is documented in the README.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import TESTS_DIR

from grader.boundary import confine, launch
from grader.boundary.launch import ENVIRONMENT_KEY, Limits
from grader.core import grading
from grader.course import paths as course
from grader.results import Status

ROOT = TESTS_DIR.parent
LEVELS = [level.key for level in launch.candidate_levels()]
LIMITS = Limits(test_seconds=3.0, import_seconds=8.0, submission_seconds=30.0)

PROBE = '''
import json, os, socket, sys, time
import numpy as np

facts = {"uid": os.getuid(), "euid": os.geteuid(), "env": sorted(os.environ),
         "secret_seen": any(SECRET in value for value in os.environ.values())}
try:
    facts["stdin"] = repr(sys.stdin.read())
except (OSError, ValueError) as error:
    facts["stdin"] = type(error).__name__
for name, address in (("loopback", ("127.0.0.1", PORT)), ("public", ("1.1.1.1", 53))):
    try:
        socket.create_connection(address, timeout=1).close()
        facts[name] = "connected"
    except OSError as error:
        facts[name] = type(error).__name__
try:
    with open(OUTSIDE, "w") as handle:
        handle.write("written from inside")
    facts["write_outside"] = "written"
except OSError as error:
    facts["write_outside"] = type(error).__name__
facts["suite_visible"] = any(os.path.exists(path) for path in HIDDEN)
facts["grader_visible"] = os.path.exists(f"/proc/{TEST_PID}")
try:
    os.kill(TEST_PID, 0)
    facts["can_signal_grader"] = True
except OSError:
    facts["can_signal_grader"] = False
print("FACTS " + json.dumps(facts))
sys.stdout.flush()

if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        while True:
            try:
                with open(HEARTBEAT, "a") as handle:
                    handle.write("beat\\n")
            except OSError:
                pass
            time.sleep(0.05)
    os._exit(0)


def softmax(L):
    expL = np.exp(L)
    return expL / np.sum(expL)
'''


@pytest.fixture
def listener():
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    yield server.getsockname()[1]
    server.close()


def probe_source(tmp_path: Path, port: int, secret: str) -> str:
    hidden = [str(path) for path in (course.suite_path("softmax"),
                                     course.solution_path("softmax"),
                                     ROOT / "solutions" / "softmax.py")]
    outside = tmp_path / "outside"
    outside.mkdir()
    outside.chmod(0o777)
    values = {"PORT": str(port), "OUTSIDE": repr(str(outside / "written.txt")),
              "HIDDEN": repr(hidden), "TEST_PID": str(os.getpid()),
              "HEARTBEAT": repr(str(outside / "heartbeat")), "SECRET": repr(secret)}
    source = PROBE
    for key, value in values.items():
        source = source.replace(key, value)
    return source


def leftovers(token: str) -> list[str]:
    found = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/cmdline", "rb") as handle:
                    if token.encode() in handle.read():
                        found.append(entry.name)
            except OSError:
                pass
    return found


@pytest.mark.parametrize("key", LEVELS)
def test_each_level_grades_the_solution_and_keeps_its_promises(key, tmp_path, monkeypatch,
                                                                listener):
    level = next(level for level in launch.candidate_levels() if level.key == key)
    secret = secrets.token_hex(16)
    token = secrets.token_hex(6)
    monkeypatch.setenv(ENVIRONMENT_KEY, key)
    monkeypatch.setenv("NN_GRADER_TEST_SECRET", secret)
    submission = tmp_path / f"probe_{token}.py"
    submission.write_text(probe_source(tmp_path, listener, secret))

    result = grading.grade(submission, "softmax", seed=3, limits=LIMITS)

    assert result.status is Status.PASSED, [(t.name, t.message) for t in result.tests]
    assert result.isolation.startswith(f"{level.name}: ")
    for layer in level.layers:
        assert layer in result.isolation
    facts = json.loads(result.output.split("FACTS ", 1)[1].splitlines()[0])
    # Every level: scrubbed environment, stdin closed, no network, limits.
    assert set(facts["env"]) <= {*launch.learner_env(tmp_path), "PWD"}  # bwrap sets PWD
    assert not facts["secret_seen"] and secret not in result.to_json()
    assert facts["stdin"] == "''"
    assert facts["loopback"] != "connected" and facts["public"] != "connected"
    if "no new sockets (seccomp)" in result.isolation:
        assert facts["loopback"] == "PermissionError"
    if level.uid is not None:
        assert facts["uid"] == facts["euid"] == level.uid
    if "read-only minimal filesystem" in level.layers:
        assert facts["write_outside"] != "written"
        assert not (tmp_path / "outside" / "written.txt").exists()
    if "suites and solutions hidden" in level.layers:
        assert facts["suite_visible"] is False
    if level.pid_namespace:
        assert facts["grader_visible"] is False and facts["can_signal_grader"] is False
    # Every level: the grandchild that left the process group is dead once grading is over.
    heartbeat = tmp_path / "outside" / "heartbeat"
    deadline = time.monotonic() + 5
    while leftovers(token) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert leftovers(token) == []
    size = heartbeat.stat().st_size if heartbeat.exists() else 0
    time.sleep(0.5)
    assert (heartbeat.stat().st_size if heartbeat.exists() else 0) == size, "still beating"
    if "read-only minimal filesystem" in level.layers:
        assert size == 0, "the grandchild wrote outside the sandbox"


@pytest.mark.parametrize("key", LEVELS)
def test_killing_the_parent_costs_the_learner_not_the_grader(key, tmp_path, monkeypatch):
    monkeypatch.setenv(ENVIRONMENT_KEY, key)
    submission = tmp_path / "kill_parent.py"
    shutil.copyfile(TESTS_DIR / "hostile" / "kill_parent.py", submission)
    result = grading.grade(submission, "softmax", seed=3, limits=LIMITS)
    assert result.status is not Status.PASSED and result.score == 0
    assert result.isolation.startswith(key.split("-")[0])


def test_an_unknown_level_is_a_grader_failure_that_lists_the_choices(tmp_path, monkeypatch):
    monkeypatch.setenv(ENVIRONMENT_KEY, "chroot")
    with pytest.raises(grading.GraderFailure) as failure:
        grading.grade(course.solution_path("softmax"), "softmax", seed=3)
    assert "process" in str(failure.value) and "chroot" in str(failure.value)


def strongest() -> str:
    extra = ("no new sockets (seccomp)",) if confine.seccomp_supported() else ()
    return launch.candidate_levels()[0].describe(extra)


def test_the_default_is_the_strongest_level_that_works_here():
    result = grading.grade(course.solution_path("softmax"), "softmax", seed=3)
    assert result.isolation == strongest()


def test_suites_and_solutions_stay_hidden_in_the_installed_layout(tmp_path):
    """The wheel's layout (pyproject's force-include: the course files under grader/_course),
    copied by hand, run from a folder under /tmp as an installed package would be."""
    site = tmp_path / "site"
    shutil.copytree(ROOT / "grader", site / "grader",
                    ignore=shutil.ignore_patterns("__pycache__"))
    for folder in ("exercises", "solutions", "templates"):
        shutil.copytree(ROOT / folder, site / "grader" / "_course" / folder)
    submission = tmp_path / "read_reference.py"
    shutil.copyfile(TESTS_DIR / "hostile" / "read_reference.py", submission)
    command = [sys.executable, "-I", "-c",
               f"import sys; sys.path.insert(0, {str(site)!r}); "
               "from grader.cli import main; main()",
               "check", str(submission), "--exercise", "softmax", "--format", "json",
               "--html", str(tmp_path / "report.html")]
    outcome = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False,
                             cwd=tmp_path)
    assert outcome.returncode == 1, outcome.stderr
    result = json.loads(outcome.stdout)
    assert result["isolation"] == strongest()
    assert "FOUND" not in result["output"] and result["score"] == 0
