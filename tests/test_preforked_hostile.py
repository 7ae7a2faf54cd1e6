"""Attacks on the learner template (boundary/template.py) that only a class shows: what one
learner forked from the template can learn of the learners forked before it, and whether the
pool still grades every learner fairly when the template goes away mid-run.

Root only, as the template is (see test_throughput.py).
"""

from __future__ import annotations

import os
import re
import signal
import threading
import time

import pytest
from conftest import all_messages
from test_hostile import _descendants
from test_throughput import _report, _templates_left, short_limits  # noqa: F401  (a fixture)

from grader.boundary import process
from grader.course import paths as course

pytestmark = pytest.mark.skipif(os.getuid() != 0, reason="the learner template runs as root")

# Reads its whole writable memory, which it shares with the template it was forked from, and
# prints every name of a grading process's pids cgroup it finds there ("nn-grader-" + the
# grading process's pid + a token): a trace of a learner's grading.
CGROUP_SEEKER = '''
# Looks in its own memory for the cgroup names of the learners forked before it.
import re

import numpy as np

found = set()
with open("/proc/self/maps") as maps, open("/proc/self/mem", "rb", buffering=0) as memory:
    for line in maps:
        fields = line.split()
        if "rw" not in fields[1]:
            continue
        start, end = (int(part, 16) for part in fields[0].split("-"))
        try:
            memory.seek(start)
            found.update(re.findall(rb"nn-grader-[0-9]+-[0-9a-f]{{8}}", memory.read(end - start)))
        except (OSError, OverflowError, ValueError):
            pass
print("CGROUPS", sorted(name.decode() for name in found))

{solution}
'''


def _class(tmp_path, name: str, learners: int, code: str):
    """A class folder of `learners` learners, each handing in `code` around the softmax
    solution, so that every grade is full unless something reached across learners."""
    solution = course.solution_path("softmax").read_text()
    folder = tmp_path / "class"
    for index in range(learners):
        (folder / f"{name}{index}").mkdir(parents=True)
        (folder / f"{name}{index}" / "softmax.py").write_text(code.format(solution=solution))
    return folder


@pytest.mark.usefixtures("short_limits")
def test_a_learner_finds_no_trace_of_the_learners_forked_before_it(tmp_path):
    results = _report(_class(tmp_path, "seeker", 5, CGROUP_SEEKER), tmp_path / "out", jobs=2)

    seen_by: dict[str, list[str]] = {}
    for name, result in results.items():
        assert result.isolation.startswith("preforked: "), (name, result.isolation)
        assert result.score == result.max_score > 0, (name, all_messages(result))
        line = re.search(r"^CGROUPS \[(.*)\]$", result.output, re.M)
        assert line, (name, result.output[:2000])
        for cgroup in re.findall(r"'([^']+)'", line.group(1)):
            seen_by.setdefault(cgroup, []).append(name)
    shared = {cgroup: names for cgroup, names in seen_by.items() if len(names) > 1}
    assert shared == {}, f"learners found the same grading's cgroup in their memory: {shared}"
    assert _templates_left() == []


# An honest learner whose every call takes a while, so that some are in the middle of a test
# when the template goes.
SLOW = """
import time

{solution}

_softmax = softmax


def softmax(L):
    time.sleep(0.2)
    return _softmax(L)
"""


def _command(pid: int) -> bytes:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return handle.read()
    except OSError:
        return b""


def _parent(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            stat = handle.read()
    except OSError:
        return 0
    return int(stat[stat.rindex(b")") + 2:].split()[1])


class TemplateKiller(threading.Thread):
    """Kills the pool's learner template (a process below this test, not one of this
    process's own) once one of its stand-ins is up, that is while a learner is being graded."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.killed: int | None = None
        self.stop = threading.Event()

    def run(self) -> None:
        own = {template.pid for template in process._templates}
        while not self.stop.is_set() and self.killed is None:
            below = [pid for pid in _descendants(os.getpid()) if pid not in own]
            templates = {pid for pid in below if b"grader.boundary.template" in _command(pid)}
            for pid in templates:
                if _parent(pid) not in templates and any(_parent(other) == pid
                                                         for other in templates):
                    time.sleep(0.3)  # into the learner's tests
                    os.kill(pid, signal.SIGKILL)
                    self.killed = pid
                    return
            time.sleep(0.02)


@pytest.mark.usefixtures("short_limits")
def test_learners_in_flight_keep_their_grade_when_the_template_dies(tmp_path):
    folder = _class(tmp_path, "slow", 4, SLOW)
    killer = TemplateKiller()
    killer.start()
    try:
        results = _report(folder, tmp_path / "out", jobs=2)
    finally:
        killer.stop.set()
        killer.join()

    assert killer.killed, "the template was never seen serving a learner"
    assert len(results) == 4
    for name, result in results.items():
        assert result.isolation.startswith("preforked: "), (name, result.isolation)
        assert result.score == result.max_score > 0, (name, all_messages(result))
    assert _templates_left() == []
