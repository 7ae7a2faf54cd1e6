"""Benchmark `grader report`: wall time and throughput for a generated class, 1 job against 2.

    python bench/batch.py                 # 200 learners x every exercise with a suite
    python bench/batch.py --learners 20   # a smaller class when time is short

Each learner submits every exercise (mostly correct, some wrong, stubs and broken files, one
sys.exit at import and the unreadable kinds; no endless loop, whose fixed 10 s would only add
noise). The same class is graded from scratch with --jobs 1 and --jobs 2 on the preloaded
fork-server pool, and, for reference, a sample is graded one by one the way `grader check` does
(a fresh interpreter per submission). Not a test: the figures depend on the machine and its load,
so the CPU time of the grading processes and how busy the whole machine was are printed too.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import classgen  # noqa: E402

from grader.batch import run  # noqa: E402
from grader.core import grading  # noqa: E402
from grader.course import catalog  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=200)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--baseline", type=int, default=20, metavar="N",
                        help="submissions graded one by one with a fresh interpreter (0: skip)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="nn-grader-bench-") as scratch:
        root = Path(scratch)
        plan = classgen.generate(root / "class", options.learners, per_learner=None,
                                 hostile=("exit",), junk=False)
        count = len(plan.submissions)
        exercises = len({exercise for _, exercise in plan.submissions})
        print(f"class: {options.learners} learners x {exercises} exercises = {count} "
              f"submissions; {os.cpu_count()} CPUs; load average "
              f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}; {platform.python_version()}")
        figures = {"learners": options.learners, "exercises": exercises, "submissions": count,
                   "runs": []}
        for jobs in options.jobs:
            cpu, machine = _cpu_seconds(), _machine()
            started = time.perf_counter()
            outcome = run.grade_class(plan.root, root / f"out-{jobs}", jobs=jobs,
                                      seed=options.seed, fresh=True)
            wall = time.perf_counter() - started
            assert outcome.graded_now == count
            idle = _machine()
            busy = 1 - (idle[1] - machine[1]) / max(1, idle[0] - machine[0])
            figures["runs"].append({"jobs": jobs, "wall_s": round(wall, 2),
                                    "per_s": round(count / wall, 2),
                                    "cpu_s": round(_cpu_seconds() - cpu, 2),
                                    "machine_busy": round(busy, 2)})
        if options.baseline:
            figures["baseline"] = baseline(plan, options.baseline, options.seed)

    print()
    print(f"{'jobs':>4}  {'wall (s)':>9}  {'submissions/s':>13}  {'s per submission':>16}  "
          f"{'CPU s per submission':>20}  {'all CPUs busy':>13}")
    for entry in figures["runs"]:
        print(f"{entry['jobs']:>4}  {entry['wall_s']:>9.1f}  {entry['per_s']:>13.2f}  "
              f"{entry['wall_s'] / count:>16.3f}  {entry['cpu_s'] / count:>20.3f}  "
              f"{entry['machine_busy']:>13.0%}")
    runs = {entry["jobs"]: entry for entry in figures["runs"]}
    if 1 in runs and 2 in runs:
        ratio = runs[1]["wall_s"] / runs[2]["wall_s"]
        figures["speedup_2_over_1"] = round(ratio, 2)
        print(f"\n2 jobs are {ratio:.2f}x as fast as 1 job.")
    if "baseline" in figures:
        base = figures["baseline"]
        line = (f"One by one with a fresh interpreter each (as `grader check`): "
                f"{base['s_per_submission']:.3f} s per submission over {base['sample']} "
                f"submissions ({1 / base['s_per_submission']:.2f}/s)")
        if 1 in runs:
            pooled = runs[1]["wall_s"] / count
            line += f"; the preloaded pool with 1 job takes {pooled:.3f} s"
        print(line + ".")
    if options.json:
        options.json.parent.mkdir(parents=True, exist_ok=True)
        options.json.write_text(json.dumps(figures, indent=2) + "\n")


def _cpu_seconds() -> float:
    """CPU time of the grading processes (the pool and everything it started), once reaped."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _machine() -> tuple[int, int]:
    """(all, idle) CPU ticks of the whole machine: how busy it was, with others' work too."""
    with open("/proc/stat") as stat:
        ticks = [int(value) for value in stat.readline().split()[1:]]
    return sum(ticks), ticks[3] + ticks[4]


def baseline(plan: classgen.ClassPlan, sample: int, seed: int) -> dict:
    """The same kind of work without the pool: grade_source per file, sequentially."""
    keys = sorted(plan.submissions)[:sample]  # the first learners: the class's mix of exercises
    started = time.perf_counter()
    for learner, exercise in keys:
        path = plan.path(learner, exercise)
        grading.grade_source(path.read_bytes(), path.name, catalog.get(exercise), seed=seed)
    wall = time.perf_counter() - started
    return {"sample": len(keys), "wall_s": round(wall, 2),
            "s_per_submission": round(wall / len(keys), 3)}


if __name__ == "__main__":
    main()
