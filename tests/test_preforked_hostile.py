"""Attacks on the learner template (boundary/template.py) that only a class shows: what one
learner forked from the template can learn of the learners forked before it, and whether the
pool still grades every learner fairly when the template goes away mid-run.

Root only, as the template is (see test_throughput.py).
"""

from __future__ import annotations

import os
import re

import pytest
from conftest import all_messages
from test_throughput import _report, _templates_left, short_limits  # noqa: F401  (a fixture)

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


def test_a_learner_finds_no_trace_of_the_learners_forked_before_it(short_limits, tmp_path):
    solution = course.solution_path("softmax").read_text()
    folder = tmp_path / "class"
    for index in range(5):
        (folder / f"seeker{index}").mkdir(parents=True)
        (folder / f"seeker{index}" / "softmax.py").write_text(
            CGROUP_SEEKER.format(solution=solution))

    results = _report(folder, tmp_path / "out", jobs=2)

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
