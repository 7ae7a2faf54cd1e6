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
        meter = CpuMeter()
        for jobs in options.jobs:
            figures["runs"].append(pool_run(plan, root / f"out-{jobs}", jobs, options.seed,
                                            meter))
        if options.baseline:
            figures["baseline"] = baseline(plan, options.baseline, options.seed)
        how = meter.how
        meter.close()

    print()
    print(f"CPU time counted by {how}.")
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


def pool_run(plan: classgen.ClassPlan, out: Path, jobs: int, seed: int,
             meter: CpuMeter) -> dict:
    """Grade the whole class from scratch on the fork-server pool with `jobs` jobs."""
    count = len(plan.submissions)
    cpu, machine = meter.seconds(), _machine()
    started = time.perf_counter()
    outcome = run.grade_class(plan.root, out, jobs=jobs, seed=seed, fresh=True)
    wall = time.perf_counter() - started
    assert outcome.graded_now == count
    idle = _machine()
    busy = 1 - (idle[1] - machine[1]) / max(1, idle[0] - machine[0])
    return {"jobs": jobs, "wall_s": round(wall, 2), "per_s": round(count / wall, 2),
            "cpu_s": round(meter.seconds() - cpu, 2), "machine_busy": round(busy, 2)}


class CpuMeter:
    """CPU time of this process and everything it starts.

    getrusage(RUSAGE_CHILDREN) misses a learner process killed inside its sandbox (bubblewrap
    or unshare never reap it then), which undercounts a submission's cost by the learner's
    start-up. Where this process may make a cgroup of the cpuacct controller (root, cgroup
    v1), it moves itself into one, whose counter includes every descendant however it ended.
    """

    def __init__(self) -> None:
        self.path = None
        base = Path("/sys/fs/cgroup/cpuacct")
        if os.access(base, os.W_OK):
            path = base / f"nn-grader-bench-{os.getpid()}"
            try:
                path.mkdir(exist_ok=True)
                (path / "cgroup.procs").write_text(str(os.getpid()))
                self.path = path
            except OSError:
                pass
        self.how = ("a cpuacct cgroup (every process started, however it ended)" if self.path
                    else "getrusage (processes killed inside a sandbox are missed)")

    def close(self) -> None:
        """Move back to the cgroup this process came from and remove the meter's."""
        if self.path is not None:
            (self.path.parent / "cgroup.procs").write_text(str(os.getpid()))
            deadline = time.monotonic() + 10
            while True:  # what this process started may take a moment to end
                try:
                    self.path.rmdir()
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.1)
            self.path = None

    def seconds(self) -> float:
        if self.path is not None:
            return int((self.path / "cpuacct.usage").read_text()) / 1e9
        own = resource.getrusage(resource.RUSAGE_SELF)
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime + own.ru_utime + own.ru_stime


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
