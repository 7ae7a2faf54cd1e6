"""The no-isolation limit of batch grading, side by side with the batch pool's rate.

    python bench/limit.py                  # 20 learners: the limit, then the pool at 1 and 2 jobs
    python bench/limit.py --learners 5 --rounds 3

The limit is what grading would cost with no sandbox and no new interpreter at all: every suite
run, in this one warm process, against its reference solution imported here, pytest in-process
with the grading plugin, the suite's `submission` fixture being the solution module itself (no
learner process, no wire). That is the suite's own work and nothing else, so no safe grader can
be faster. It is measured for the same mix of exercises as bench/batch.py's class (every
exercise once per learner), after one warm-up round; then a class of that mix, every file the
reference solution, is graded by `grader report`'s pool at 1 and 2 jobs (bench/batch.py's
code), and each rate is given as a fraction of the limit, with the CPU time per submission (a
cpuacct cgroup counts every process) and the limit's CPU time as a fraction of it: on a machine
shared with other work, the CPU ratio is the one that moves less with the load. Set
NN_GRADER_PREFORKED=0 to measure the pool without the learner template (the old path).
Not a test: the figures depend on the machine and its load, which is printed too.
"""

from __future__ import annotations

import os

# One BLAS thread, as in every grading process (grading.worker_env, launch.learner_env): set
# before NumPy is first imported, which reads it then.
os.environ.update(OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")

import argparse
import copy
import importlib.util
import platform
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

import batch  # noqa: E402
import classgen  # noqa: E402

from grader import feedback  # noqa: E402
from grader.boundary import drills  # noqa: E402
from grader.boundary.launch import Limits  # noqa: E402
from grader.boundary.proxy import Remote  # noqa: E402
from grader.core import worker  # noqa: E402
from grader.course import catalog  # noqa: E402


class InProcess:
    """What a suite sees of the learner (the `learner` fixture and, through `module`, the
    `submission` one), with the reference solution imported in this process: no boundary."""

    import_problem = None
    isolation = ""

    def __init__(self, module) -> None:
        self.limits = Limits()
        self._module = module
        # What the `chart` fixture's runs() reads and restores: no call here ever times out.
        self.test_deadline = float("inf")
        self.hung: set[str] = set()

    def module(self):
        return Local(self._module)

    def start_test(self, seconds: float) -> None:
        pass

    def seed_numpy(self, seed: int) -> None:
        np.random.seed(seed)

    def drill(self, name: str, *args):
        return drills.DRILLS[name](*args)


_DATA = (int, float, complex, str, bytes, bool, type(None), list, tuple, dict, np.ndarray,
         np.generic)


class Local(Remote):
    """A learner object used directly, as the proxy would present it (a `Remote`, which some
    suites check for): data comes back as a copy, other objects stay wrapped, and what the
    learner's code raises reaches the suite as the learner's problem (the proxy's
    `raised_problem`), not as a bare exception."""

    __slots__ = ("_target",)

    def __init__(self, target) -> None:
        object.__setattr__(self, "_target", target)

    def __getattr__(self, name: str):
        return _shown(getattr(self._target, name))

    def __setattr__(self, name: str, value) -> None:
        setattr(self._target, name, _sent(value))

    def __call__(self, *args, **kwargs):
        try:
            return _shown(self._target(*_sent(args), **_sent(kwargs)))
        except Exception as error:  # noqa: BLE001  (what the proxy turns into a problem)
            info = {"type": type(error).__name__, "message": str(error), "frames": [],
                    "base": False}
            raise feedback.raised_problem(info, getattr(self._target, "__name__", "call")) \
                from None

    def __deepcopy__(self, memo: dict):
        return self._target

    @property
    def type_name(self) -> str:
        return type(self._target).__name__

    @property
    def _callable(self) -> bool:
        return callable(self._target)


def _shown(value):
    """What the wire would give back: a copy of data, a wrapper around anything else."""
    return copy.deepcopy(value) if isinstance(value, _DATA) else Local(value)


def _sent(value):
    """What the wire would deliver: a copy of data, the object itself for a wrapped one."""
    return copy.deepcopy(value)


def _solution(course: catalog.Course, name: str):
    spec = importlib.util.spec_from_file_location(name, course.solution_path(name))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def limit(exercises: list[str], rounds: int, seed: int, meter: batch.CpuMeter) -> dict:
    """Seconds (wall and CPU) per submission for the mix `exercises` (one of each per
    learner), every suite in this process against its solution; the first round warms up."""
    course = catalog.active()
    course.importable()
    modules = {name: _solution(course, name) for name in exercises}
    devnull = os.open(os.devnull, os.O_WRONLY)
    saved = os.dup(1)
    wall = cpu = 0.0
    try:
        os.dup2(devnull, 1)  # pytest's own output, as the worker sends it to /dev/null
        for round_ in range(rounds + 1):
            started, cpu_before = time.perf_counter(), meter.seconds()
            for name in exercises:
                plugin, code = worker.run_suite(course, catalog.get(name),
                                                InProcess(modules[name]), seed)
                tests = plugin.ordered_results()
                if int(code) != 0 or sum(t.score for t in tests) != sum(t.max_score
                                                                     for t in tests):
                    raise SystemExit(f"the {name} solution did not pass its suite in-process")
            if round_:
                wall += time.perf_counter() - started
                cpu += meter.seconds() - cpu_before
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(devnull)
    count = rounds * len(exercises)
    return {"submissions": count, "wall_s": round(wall, 2), "per_s": round(count / wall, 2),
            "cpu_s_per_submission": round(cpu / count, 4)}


def correct_class(root: Path, learners: int) -> classgen.ClassPlan:
    """bench/batch.py's mix of exercises (each learner submits every one), every file the
    reference solution: the same work the limit does, so the two rates compare."""
    plan = classgen.ClassPlan(root)
    for number in range(1, learners + 1):
        for exercise in classgen.gradable():
            learner = f"learner{number:03d}"
            path = plan.path(learner, exercise.name)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(catalog.active().solution_path(exercise.name).read_bytes())
            plan.submissions[(learner, exercise.name)] = "correct"
    return plan


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=5, help="rounds of the limit's mix")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    meter = batch.CpuMeter()
    try:
        with tempfile.TemporaryDirectory(prefix="nn-grader-limit-") as scratch:
            root = Path(scratch)
            plan = correct_class(root / "class", options.learners)
            exercises = sorted({exercise for _, exercise in plan.submissions})
            print(f"class: {options.learners} learners x {len(exercises)} exercises = "
                  f"{len(plan.submissions)} submissions; {os.cpu_count()} CPUs; load average "
                  f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}; "
                  f"{platform.python_version()}; CPU time counted by {meter.how}")
            bound = limit(exercises, options.rounds, options.seed, meter)
            runs = [batch.pool_run(plan, root / f"out-{jobs}", jobs, options.seed, meter)
                    for jobs in options.jobs]
    finally:
        meter.close()
    print()
    print(f"{'':28}{'submissions/s':>14}  {'rate / limit':>12}  {'CPU s per submission':>20}  "
          f"{'limit CPU / CPU':>15}")
    print(f"{'limit (1 process, no wall)':28}{bound['per_s']:>14.2f}  {1:>12.2f}  "
          f"{bound['cpu_s_per_submission']:>20.3f}  {1:>15.2f}")
    count = len(plan.submissions)
    for entry in runs:
        cpu = entry["cpu_s"] / count
        print(f"{'batch pool, ' + str(entry['jobs']) + ' job(s)':28}{entry['per_s']:>14.2f}  "
              f"{entry['per_s'] / bound['per_s']:>12.2f}  {cpu:>20.3f}  "
              f"{bound['cpu_s_per_submission'] / cpu:>15.2f}")
    print(f"\nThe limit ran {bound['submissions']} suites on their solutions in one process "
          f"({bound['wall_s']:.1f} s); the pool graded the class of {count} solutions. On a "
          f"machine busy with other work the rates follow the load; the CPU time moves less. "
          f"Load average now {' '.join(f'{x:.1f}' for x in os.getloadavg())}.")


if __name__ == "__main__":
    main()
