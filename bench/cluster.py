"""Benchmark `grader report --cluster`: the same class on the local pool and on a Dask cluster.

    python bench/cluster.py                 # about 2,000 submissions: the whole course each
    python bench/cluster.py --learners 20   # a smaller class when time is short

The class is bench/batch.py's: every learner submits every exercise (mostly correct, some wrong,
stubs and broken files, one sys.exit at import and the unreadable kinds). It is graded from
scratch twice in one run, side by side: on this machine's pool with 2 jobs, and on a
`LocalCluster` of 2 worker processes with 1 thread each (the same 2 cores, so the ratio is the
price of going through Dask, not a speed-up). The class is split in two halves by learner, and
they are graded local, cluster, cluster, local, so that other work on a shared machine, which
comes and goes, weighs on both pools alike. Then the scheduler's own cost per task is measured
with tasks that do nothing: all submitted at once (the scheduler is the bottleneck), and a
window at a time as `grader report --cluster` submits them (each task also waits for its round
trip). CPU time is counted by bench/batch.py's meter, the cluster's worker processes and their
grading included (they are this process's descendants). Not a test: the figures depend on the
machine and its load, which is printed too.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import sys
import tempfile
import time
from multiprocessing import resource_tracker
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import batch  # noqa: E402
import classgen  # noqa: E402
from distributed import Client, LocalCluster, as_completed  # noqa: E402

from grader.batch import run  # noqa: E402
from grader.batch.cluster import ClusterExecutor  # noqa: E402

CLASS_SIZE = 190_000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int,
                        help="default: enough for about 2,000 submissions")
    parser.add_argument("--tasks", type=int, default=5000,
                        help="empty tasks for the scheduler's per-task cost")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    options = parser.parse_args()
    exercises = len(classgen.gradable())
    learners = options.learners or math.ceil(2000 / exercises)

    figures: dict = {"learners": learners, "exercises": exercises}
    with tempfile.TemporaryDirectory(prefix="nn-grader-bench-") as scratch:
        root = Path(scratch)
        plan = classgen.generate(root / "class", learners, per_learner=None,
                                 hostile=("exit",), junk=False)
        count = figures["submissions"] = len(plan.submissions)
        halves = _halves(plan, root)
        print(f"class: {learners} learners x {exercises} exercises = {count} submissions; "
              f"{os.cpu_count()} CPUs; load average "
              f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}; {platform.python_version()}")
        # Dask's worker processes start multiprocessing's resource tracker, which lives as long as
        # this process: started here, before the meter, it stays out of the meter's cgroup,
        # which could not be removed while it ran.
        resource_tracker.ensure_running()
        meter = batch.CpuMeter()
        figures["cpu_meter"] = meter.how
        try:
            started = time.perf_counter()
            with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                              dashboard_address=":0") as cluster:
                figures["cluster_start_s"] = round(time.perf_counter() - started, 2)
                address = cluster.scheduler_address
                legs = [("local", halves[0]), ("cluster", halves[0]), ("cluster", halves[1]),
                        ("local", halves[1])]
                figures["legs"] = [_leg(pool, folder, size, root, address, options.seed, meter)
                                   for pool, (folder, size) in legs]
                with Client(address, set_as_default=False) as client:
                    figures["empty_tasks"] = _empty_tasks(client, options.tasks)
        finally:
            meter.close()
        figures["same_gradebook"] = all(
            (root / f"out-local-{folder.name}" / "gradebook.csv").read_bytes()
            == (root / f"out-cluster-{folder.name}" / "gradebook.csv").read_bytes()
            for folder, _ in halves)

    for pool in ("local", "cluster"):
        legs = [leg for leg in figures["legs"] if leg["pool"] == pool]
        wall = sum(leg["wall_s"] for leg in legs)
        figures[pool] = {"wall_s": round(wall, 2), "per_s": round(count / wall, 2),
                         "machine_busy": round(sum(leg["machine_busy"] * leg["wall_s"]
                                                   for leg in legs) / wall, 2),
                         "cpu_s": round(sum(leg["cpu_s"] for leg in legs), 2)}
    _print(figures)
    if options.json:
        options.json.parent.mkdir(parents=True, exist_ok=True)
        options.json.write_text(json.dumps(figures, indent=2) + "\n")


def _halves(plan: classgen.ClassPlan, root: Path) -> list[tuple[Path, int]]:
    """The class split in two by learner. Each pool grades both halves, in the order local,
    cluster, cluster, local, so that a load on the machine that grows or shrinks during the
    run weighs on both pools alike."""
    learners = plan.learners
    halves = []
    for name, part in (("a", learners[:len(learners) // 2]),
                       ("b", learners[len(learners) // 2:])):
        folder = root / f"class-{name}"
        folder.mkdir()
        for learner in part:
            (plan.root / learner).rename(folder / learner)
        halves.append((folder, sum(who in part for who, _ in plan.submissions)))
    return halves


def _leg(pool: str, folder: Path, count: int, root: Path, address: str, seed: int,
         meter: batch.CpuMeter) -> dict:
    cpu, machine, started = meter.seconds(), _machine(), time.perf_counter()
    outcome = run.grade_class(folder, root / f"out-{pool}-{folder.name}", seed=seed, fresh=True,
                              **({"jobs": 2} if pool == "local" else {"cluster": address}))
    wall = time.perf_counter() - started
    assert outcome.graded_now == count
    idle = _machine()
    busy = 1 - (idle[1] - machine[1]) / max(1, idle[0] - machine[0])
    leg = {"pool": pool, "half": folder.name, "submissions": count, "wall_s": round(wall, 2),
           "machine_busy": round(busy, 2), "load": round(os.getloadavg()[0], 1),
           "cpu_s": round(meter.seconds() - cpu, 2)}
    print(f"  {pool:<7} {folder.name}: {count} submissions in {wall:.1f} s "
          f"(load average {leg['load']})", flush=True)
    return leg


def _empty_tasks(client: Client, tasks: int) -> dict:
    """Seconds per task that does nothing: all at once, and a window at a time."""
    started = time.perf_counter()
    futures = [client.submit(_nothing, number, pure=False) for number in range(tasks)]
    client.gather(futures)
    at_once = (time.perf_counter() - started) / tasks
    del futures

    window = ClusterExecutor._size(sum(client.nthreads().values()))
    started = time.perf_counter()
    waiting = as_completed([client.submit(_nothing, number, pure=False)
                            for number in range(window)], loop=client.loop)
    sent = window
    for _ in waiting:
        if sent < tasks:
            waiting.add(client.submit(_nothing, sent, pure=False))
            sent += 1
    windowed = (time.perf_counter() - started) / tasks
    return {"tasks": tasks, "at_once_ms": round(1000 * at_once, 3), "window": window,
            "windowed_ms": round(1000 * windowed, 3)}


def _nothing(number: int) -> int:
    return number


def _print(figures: dict) -> None:
    count = figures["submissions"]
    print()
    print(f"{'pool':<34}  {'wall (s)':>9}  {'submissions/s':>13}  {'CPU s per submission':>20}"
          f"  {'all CPUs busy':>13}")
    for name, key in (("this machine, 2 jobs", "local"),
                      ("LocalCluster, 2 workers x 1 thread", "cluster")):
        entry = figures[key]
        cpu = f"{entry['cpu_s'] / count:.3f}"
        print(f"{name:<34}  {entry['wall_s']:>9.1f}  {entry['per_s']:>13.2f}  {cpu:>20}  "
              f"{entry['machine_busy']:>13.0%}")
    ratio = figures["cluster"]["wall_s"] / figures["local"]["wall_s"]
    figures["cluster_over_local"] = round(ratio, 3)
    print(f"\nThe cluster takes {ratio:.2f}x the local pool's time on the same 2 cores (its "
          f"start, {figures['cluster_start_s']:.1f} s, not counted); the gradebooks are "
          f"{'identical' if figures['same_gradebook'] else 'DIFFERENT'}.")
    empty = figures["empty_tasks"]
    print(f"Scheduler cost per task ({empty['tasks']} tasks that do nothing): "
          f"{empty['at_once_ms']:.2f} ms when all are submitted at once, "
          f"{empty['windowed_ms']:.2f} ms with {empty['window']} in flight at a time as "
          "`grader report --cluster` sends them.")
    print(f"CPU time counted by {figures['cpu_meter']}.")
    cpu = figures["cluster"]["cpu_s"] / count
    overhead = empty["at_once_ms"] / 1000
    print(f"\nScale model for {CLASS_SIZE:,} submissions: {cpu:.3f} CPU s each x "
          f"{CLASS_SIZE:,} / cores + {overhead * 1000:.2f} ms scheduler time each x "
          f"{CLASS_SIZE:,}:")
    for cores in (2, 16, 64, 256):
        grading = cpu * CLASS_SIZE / cores
        scheduler = overhead * CLASS_SIZE
        print(f"  {cores:>4} cores: {_hours(grading + scheduler)} "
              f"({_hours(grading)} grading + {_hours(scheduler)} scheduler)")


def _hours(seconds: float) -> str:
    if seconds >= 3600:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 60:.0f} min"


def _machine() -> tuple[int, int]:
    """(all, idle) CPU ticks of the whole machine: how busy it was, with others' work too."""
    with open("/proc/stat") as stat:
        ticks = [int(value) for value in stat.readline().split()[1:]]
    return sum(ticks), ticks[3] + ticks[4]


if __name__ == "__main__":
    main()
