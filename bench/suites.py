"""Benchmark each exercise's suite: how long `grader check` takes on the reference solution.

    python bench/suites.py                       # every exercise, 3 runs each
    python bench/suites.py softmax dropout -n 5  # some exercises, 5 runs each

Each run grades the solution the way `grader check` does (vetting, a fresh worker process, the
learner process in the strongest sandbox here), with a different seed. The median wall time and
the worker's CPU time are printed per exercise, with the machine's load: the figures depend on the
machine, so read them side by side from one run, never as absolute promises.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader.core import grading  # noqa: E402
from grader.course import catalog  # noqa: E402
from grader.course import paths as course  # noqa: E402


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="exercises (default: all)")
    parser.add_argument("-n", "--runs", type=int, default=3)
    options = parser.parse_args()
    names = options.names or catalog.names()
    print(f"{len(names)} exercises, {options.runs} runs each; 2 CPUs shared; load average "
          + " ".join(f"{load:.1f}" for load in os.getloadavg()))
    print(f"{'exercise':26} {'median wall (s)':>16} {'CPU (s)':>8} {'score':>10}")
    for name in names:
        exercise = catalog.get(name)
        source = course.solution_path(name).read_bytes()
        walls, cpus, scores = [], [], set()
        for run in range(options.runs):
            cpu = _children_cpu()
            started = time.perf_counter()
            result = grading.grade_source(source, f"{name}.py", exercise, seed=1000 + run)
            walls.append(time.perf_counter() - started)
            cpus.append(_children_cpu() - cpu)
            scores.add(f"{result.score:g}/{result.max_score:g}")
        print(f"{name:26} {statistics.median(walls):16.2f} {statistics.median(cpus):8.2f} "
              f"{', '.join(sorted(scores)):>10}")


if __name__ == "__main__":
    main()
