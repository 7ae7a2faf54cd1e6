"""Each isolation level, forced with NN_GRADER_ISOLATION, grades correctly and keeps its promises.

A probe submission (a correct softmax) reports what it can see and do from inside: its uid and
capabilities, its environment, stdin, the network (a port this test listens on), the filesystem
outside its folder, the suites and solutions, a class folder beside it, the installed grader,
the kernel's settings, this test's process, and whether it can start a process. What each
level must prevent follows from the layers it claims in the result's `isolation` field and from
its claim to be safe for class grading; what a level that is not safe cannot prevent is
documented in docs/security.md.
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

import jsonschema
import pytest
from conftest import TESTS_DIR

from grader.boundary import confine, launch, process
from grader.boundary.launch import ENVIRONMENT_KEY, Limits
from grader.core import grading
from grader.course import paths as course
from grader.results import Status

ROOT = TESTS_DIR.parent
LEVELS = [level.key for level in launch.candidate_levels()]
LIMITS = Limits(test_seconds=3.0, import_seconds=8.0, submission_seconds=30.0)

PROBE = '''
import errno, json, os, socket, sys, time
import numpy as np

facts = {"uid": os.getuid(), "euid": os.geteuid(), "env": sorted(os.environ),
         "secret_seen": any(SECRET in value for value in os.environ.values())}
with open("/proc/self/status") as status:
    for line in status:
        key, _, value = line.partition(":")
        if key.startswith("Cap"):
            facts[key] = int(value, 16)
        elif key == "NoNewPrivs":
            facts[key] = int(value)
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


def readable(path):
    try:
        with open(path, "rb") as handle:
            handle.read(1)
        return True
    except OSError:
        return False


facts["suite_visible"] = any(readable(path) for path in SUITES)
facts["solution_visible"] = any(readable(path) for path in SOLUTIONS)
facts["class_visible"] = readable(CLASSMATE)
try:
    os.close(os.open(INSTALLED, os.O_WRONLY))
    facts["install_writable"] = True
except OSError:
    facts["install_writable"] = False
try:
    os.close(os.open("/proc/sys/kernel/core_pattern", os.O_WRONLY))
    facts["kernel_settings_writable"] = True
except OSError:
    facts["kernel_settings_writable"] = False
facts["grader_visible"] = os.path.exists(f"/proc/{TEST_PID}")
try:
    os.kill(TEST_PID, 0)
    facts["can_signal_grader"] = True
except OSError:
    facts["can_signal_grader"] = False
try:
    child = os.fork()
    if child == 0:
        os._exit(0)
    os.waitpid(child, 0)
    facts["fork"] = "forked"
except OSError as error:
    facts["fork"] = errno.errorcode[error.errno]
print("FACTS " + json.dumps(facts))


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
    outside = tmp_path / "outside"
    outside.mkdir()
    outside.chmod(0o777)
    # A classmate's file as an instructor's class folder holds it: readable by everyone.
    classmate = tmp_path / "class" / "ana" / "softmax.py"
    classmate.parent.mkdir(parents=True)
    classmate.write_text("def softmax(L): ...\n")
    for folder in (tmp_path, tmp_path.parent, tmp_path.parent.parent, *classmate.parents[:2]):
        folder.chmod(0o755)
    values = {"PORT": str(port), "OUTSIDE": repr(str(outside / "written.txt")),
              "SUITES": repr([str(course.suite_path("softmax"))]),
              "SOLUTIONS": repr([str(course.solution_path("softmax")),
                                 str(ROOT / "solutions" / "softmax.py")]),
              "CLASSMATE": repr(str(classmate)),
              "INSTALLED": repr(str(course.PACKAGE_DIR / "feedback.py")),
              "TEST_PID": str(os.getpid()), "SECRET": repr(secret)}
    source = PROBE
    for key, value in values.items():
        source = source.replace(key, value)
    return source


def level_named(key: str) -> launch.Level:
    return next(level for level in launch.candidate_levels() if level.key == key)


@pytest.mark.parametrize("key", LEVELS)
def test_each_level_grades_the_solution_and_keeps_its_promises(key, tmp_path, monkeypatch,
                                                                listener):
    level = level_named(key)
    secret = secrets.token_hex(16)
    monkeypatch.setenv(ENVIRONMENT_KEY, key)
    monkeypatch.setenv("NN_GRADER_TEST_SECRET", secret)
    submission = tmp_path / f"probe_{secrets.token_hex(6)}.py"
    submission.write_text(probe_source(tmp_path, listener, secret))

    result = grading.grade(submission, "softmax", seed=3, limits=LIMITS)

    assert result.status is Status.PASSED, [(t.name, t.message) for t in result.tests]
    assert result.isolation.startswith(("" if level.safe else "UNSAFE: ") + f"{level.name}: ")
    for layer in level.layers:
        assert layer in result.isolation
    facts = json.loads(result.output.split("FACTS ", 1)[1].splitlines()[0])
    # Every level: scrubbed environment, stdin closed, no network, limits.
    assert set(facts["env"]) <= {*launch.learner_env(tmp_path), "PWD"}  # bwrap sets PWD
    assert not facts["secret_seen"] and secret not in result.to_json()
    assert facts["stdin"] == "''"
    assert facts["loopback"] != "connected" and facts["public"] != "connected"
    # Every level, as root or not: no capability, and none to be had by running a program.
    for key_set in ("CapInh", "CapPrm", "CapEff", "CapAmb"):
        assert facts[key_set] == 0, (key_set, hex(facts[key_set]))
    assert facts["NoNewPrivs"] == 1
    if confine.seccomp_supported():
        assert "one process, no new sockets (seccomp)" in result.isolation
        assert facts["loopback"] == "PermissionError"
        assert facts["fork"] == "EPERM"
    if level.uid is not None:
        assert facts["uid"] == facts["euid"] == level.uid
    if level.safe:
        assert facts["CapBnd"] == 0
        assert not facts["suite_visible"] and not facts["solution_visible"]
        assert not facts["class_visible"]
        assert not facts["install_writable"] and not facts["kernel_settings_writable"]
        assert facts["write_outside"] != "written"
        assert not (tmp_path / "outside" / "written.txt").exists()
        assert not facts["grader_visible"] and not facts["can_signal_grader"]
    else:
        # The claim is honest: this level really leaves the learner something it should not have.
        assert facts["solution_visible"] or facts["class_visible"] or facts["grader_visible"]


THREADS = """
import threading
import numpy as np

release = threading.Event()
threading.stack_size(32 * 1024)
started = 0
for _ in range(500):
    try:
        threading.Thread(target=release.wait, daemon=True).start()
    except RuntimeError:
        break
    started += 1
release.set()
print("THREADS", started)


def softmax(L):
    expL = np.exp(L)
    return expL / np.sum(expL)
"""


@pytest.mark.parametrize("key", LEVELS)
def test_a_thread_bomb_with_small_stacks_is_capped_per_submission(key, tmp_path, monkeypatch):
    """Small stacks slip under the memory limit: 500 threads would fit in it easily. Where the
    grader may make a cgroup, each submission may hold the process limit's worth of threads."""
    monkeypatch.setenv(ENVIRONMENT_KEY, key)
    submission = tmp_path / "threads.py"
    submission.write_text(THREADS)
    result = grading.grade(submission, "softmax", seed=3, limits=LIMITS)
    assert result.status is Status.PASSED, [(t.name, t.message) for t in result.tests]
    started = int(result.output.split("THREADS ", 1)[1].split()[0])
    if process._pids_parent() is not None:
        assert f"at most {LIMITS.processes} threads (cgroup)" in result.isolation
        assert 0 < started < LIMITS.processes
    else:
        assert started > 0


def test_each_level_states_whether_it_is_safe_for_class_grading():
    """Only a level that builds the learner a filesystem and a PID namespace of its own can
    keep the suites, the solutions and other learners' files out of its sight."""
    for level in launch.candidate_levels():
        assert level.safe is (level.key != "process"), level.key
        assert level.safe == (not level.unsafe_reason)
        assert level.describe().startswith("UNSAFE: ") is (not level.safe)
    process_level = launch.candidate_levels("process")[0]
    if os.getuid() == 0:
        assert "root" in process_level.unsafe_reason or str(launch.NOBODY) in \
            process_level.unsafe_reason


def test_a_level_without_the_seccomp_filter_does_not_claim_the_memory_bound():
    level = launch.candidate_levels()[0]
    assert "the memory limit is per process" in level.describe(())
    assert "the memory limit is per process" not in level.describe((confine.SECCOMP_LAYER,))


@pytest.mark.parametrize("key", LEVELS)
def test_killing_the_parent_costs_the_learner_not_the_grader(key, tmp_path, monkeypatch):
    monkeypatch.setenv(ENVIRONMENT_KEY, key)
    submission = tmp_path / "kill_parent.py"
    shutil.copyfile(TESTS_DIR / "hostile" / "kill_parent.py", submission)
    result = grading.grade(submission, "softmax", seed=3, limits=LIMITS)
    assert result.status is not Status.PASSED and result.score == 0
    assert result.isolation.removeprefix("UNSAFE: ").startswith(key.split("-")[0])


SLOW_STAND_IN = """
import os, time
from grader.boundary import confine
fork = os.fork
def fork_then_stall():
    child = fork()
    if child:
        time.sleep(2)  # a stand-in the scheduler does not run again for a while
    return child
os.fork = fork_then_stall
confine.drop_capabilities()  # the learner and its stand-in share a uid, as at every level
confine.nanny(keep_closed=[])
try:
    os.close(os.open(f"/proc/{os.getppid()}/mem", os.O_RDWR))
    print("the stand-in's memory opened for writing")
except PermissionError:
    print("out of reach")
"""


def test_a_stand_in_is_out_of_its_learners_reach_from_the_first_moment():
    """A loaded machine may not run the stand-in again for a while after its fork: its memory,
    which a learner could write to make it fork unfiltered, must be out of reach by then."""
    ran = subprocess.run([sys.executable, "-c", SLOW_STAND_IN], capture_output=True, text=True,
                         timeout=60)
    assert ran.stdout == "out of reach\n", ran.stderr


OUTLIVER = """
import ctypes, time
ctypes.CDLL(None, use_errno=True).prctl(1, 0, 0, 0, 0)  # PR_SET_PDEATHSIG: none, if it may
while True:
    time.sleep(0.1)
"""


@pytest.mark.parametrize("key", LEVELS)
def test_a_learner_does_not_outlive_its_killed_grading_process(key, tmp_path):
    """The grading process may be killed (its outer time guard, a batch stopped): then its
    learner process must end too, though it cleared its parent-death signal, which is what
    ends it where there is no PID namespace."""
    token = secrets.token_hex(6)
    submission = tmp_path / f"outliver_{token}.py"
    submission.write_text(OUTLIVER)
    check = subprocess.Popen(
        [sys.executable, "-m", "grader", "check", str(submission), "--exercise", "softmax"],
        env={**os.environ, ENVIRONMENT_KEY: key}, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while not _running(token) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _running(token), "the learner process started"
        time.sleep(1)  # past the prctl
        workers = [pid for pid in _running("grader.core.worker")
                   if pid in {child for child, _ in process._descendants(check.pid)}]
        assert len(workers) == 1
        os.kill(workers[0], 9)
        deadline = time.monotonic() + 10
        while _running(token) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _running(token) == [], "the learner process outlived its grading process"
    finally:
        check.kill()
        check.wait()
        for pid in _running(token):
            os.kill(pid, 9)


def test_an_unknown_level_is_a_grader_failure_that_lists_the_choices(tmp_path, monkeypatch):
    monkeypatch.setenv(ENVIRONMENT_KEY, "chroot")
    with pytest.raises(grading.GraderFailure) as failure:
        grading.grade(course.solution_path("softmax"), "softmax", seed=3)
    assert "process" in str(failure.value) and "chroot" in str(failure.value)


def strongest() -> str:
    extra = (confine.SECCOMP_LAYER,) if confine.seccomp_supported() else ()
    if process._pids_parent() is not None:
        extra += (f"at most {Limits().processes} threads (cgroup)",)
    return launch.candidate_levels()[0].describe(extra)


def test_the_default_is_the_strongest_level_that_works_here():
    result = grading.grade(course.solution_path("softmax"), "softmax", seed=3)
    assert result.isolation == strongest()


def test_where_a_learner_tree_exists_all_of_it_is_killed(tmp_path):
    """Where no seccomp filter stops a fork, a learner's grandchild in a session of its own is
    still found and killed by the sweep over this process's descendants (it is a subreaper)."""
    confine.become_subreaper()
    token = secrets.token_hex(6)
    script = (f"import os, time\nif os.fork() == 0:\n    os.setsid()\n    if os.fork() == 0:\n"
              f"        time.sleep(600)  # {token}\n    os._exit(0)\ntime.sleep(600)\n")
    child = subprocess.Popen([sys.executable, "-c", script, token])
    deadline = time.monotonic() + 10
    while len(_running(token)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(_running(token)) == 2, "the child and its grandchild are running"
    process._sweep(child.pid)
    child.wait(timeout=5)
    assert _running(token) == []


def _running(token: str) -> list[int]:
    found = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/cmdline", "rb") as handle:
                    command = handle.read()
                with open(f"/proc/{entry.name}/stat", "rb") as handle:
                    state = handle.read().rsplit(b")", 1)[1].split()[0]
            except OSError:
                continue
            if token.encode() in command and state != b"Z":
                found.append(int(entry.name))
    return found


def test_suites_and_solutions_stay_hidden_in_the_installed_layout(tmp_path):
    """The wheel's layout (pyproject's force-include: the built-in course's stubs and solutions
    beside its course.toml, the templates under grader/_course), copied by hand, run from a
    folder under /tmp as an installed package would be."""
    site = tmp_path / "site"
    shutil.copytree(ROOT / "grader", site / "grader",
                    ignore=shutil.ignore_patterns("__pycache__", "corpus"))
    for folder in ("exercises", "solutions"):
        shutil.copytree(ROOT / folder, site / "grader" / "course" / "builtin" / folder)
    shutil.copytree(ROOT / "templates", site / "grader" / "_course" / "templates")
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



def class_folder(root: Path) -> Path:
    folder = root / "class"
    for learner, source in (("ana", course.solution_path("softmax").read_text()),
                            ("ben", "def softmax(L):\n    return L\n")):
        (folder / learner).mkdir(parents=True)
        (folder / learner / "softmax.py").write_text(source)
    return folder


def test_report_refuses_a_level_that_is_not_safe_and_says_how_to_get_one(run_cli, tmp_path,
                                                                         monkeypatch):
    monkeypatch.setenv(ENVIRONMENT_KEY, "process")
    outcome = run_cli("report", class_folder(tmp_path), "-o", tmp_path / "out")
    assert outcome.exit_code == 2
    assert "'process' isolation level, which is not safe for class grading" in outcome.stderr
    assert launch.candidate_levels("process")[0].unsafe_reason in outcome.stderr
    assert "apt-get install bubblewrap" in outcome.stderr and "--unsafe-isolation" in \
        outcome.stderr
    assert not (tmp_path / "out" / "results.jsonl").exists()


def test_with_unsafe_isolation_report_grades_and_says_unsafe_everywhere(run_cli, tmp_path,
                                                                        monkeypatch):
    monkeypatch.setenv(ENVIRONMENT_KEY, "process")
    out = tmp_path / "out"
    outcome = run_cli("report", class_folder(tmp_path), "-o", out, "--unsafe-isolation")
    assert outcome.exit_code == 0, outcome.stderr
    assert "Isolation: UNSAFE: process: " in outcome.stdout
    assert "Warning: some learner code ran UNSAFE (--unsafe-isolation)" in outcome.stdout
    assert "Isolation: UNSAFE: process: " in (out / "index.html").read_text()
    schema = json.loads((ROOT / "grader" / "result.schema.json").read_text())
    lines = (out / "results.jsonl").read_text().splitlines()
    assert len(lines) == 2
    for line in lines:
        result = {key: value for key, value in json.loads(line).items() if key != "batch"}
        jsonschema.validate(result, schema)
        assert result["isolation"].startswith("UNSAFE: process: ")
    for page in (out / "learners").iterdir():
        assert "UNSAFE: process: " in page.read_text()


@pytest.mark.parametrize("key", [level.key for level in launch.candidate_levels() if level.safe])
def test_report_at_a_safe_level_needs_no_opt_in_and_says_nothing_unsafe(key, run_cli, tmp_path,
                                                                        monkeypatch):
    monkeypatch.setenv(ENVIRONMENT_KEY, key)
    outcome = run_cli("report", class_folder(tmp_path), "-o", tmp_path / "out")
    assert outcome.exit_code == 0, outcome.stderr
    assert "UNSAFE" not in outcome.stdout and "Warning" not in outcome.stdout


def test_check_works_at_any_level_and_says_when_it_is_unsafe(run_cli, tmp_path, monkeypatch):
    """A learner on their own machine is not refused: the result only says what it was."""
    monkeypatch.setenv(ENVIRONMENT_KEY, "process")
    submission = tmp_path / "softmax.py"
    shutil.copyfile(course.solution_path("softmax"), submission)
    outcome = run_cli("check", submission, "--format", "json", "--html", tmp_path / "r.html")
    assert outcome.exit_code == 0, outcome.stderr
    assert json.loads(outcome.stdout)["isolation"].startswith("UNSAFE: process: ")
