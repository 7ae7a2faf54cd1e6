"""Where a batch submission's CPU time goes: the learner's start, piece by piece, and the rest.

    python bench/cost.py               # 20 of each
    python bench/cost.py -n 50 --exercise softmax

Each line is the CPU time (a cpuacct cgroup: every process, however it ended) and the wall
time of one step, averaged over n runs: an interpreter that does nothing; one that imports
NumPy; bubblewrap around /bin/true; a whole learner start (hello and the import of a one-line
file, then kill) at each level this machine offers, the preforked one from a learner template
started here; then one submission (the exercise's solution) graded on the batch pool with and
without the template, and the same suite run in this warm process against the solution
(bench/limit.py's limit). Not a test: the figures depend on the machine and its load.
"""

from __future__ import annotations

import os

# One BLAS thread, as in every grading process (grading.worker_env, launch.learner_env): set
# before NumPy is first imported, which reads it then.
os.environ.update(OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

import batch  # noqa: E402
import limit  # noqa: E402

from grader.batch import executor, zygote  # noqa: E402
from grader.boundary import launch, process  # noqa: E402
from grader.boundary.launch import Limits  # noqa: E402
from grader.core import grading, worker  # noqa: E402
from grader.course import catalog  # noqa: E402


def measure(meter: batch.CpuMeter, name: str, step, runs: int) -> None:
    step()  # warm-up
    cpu, started = meter.seconds(), time.perf_counter()
    for _ in range(runs):
        step()
    wall = (time.perf_counter() - started) / runs
    print(f"{name:58} {(meter.seconds() - cpu) / runs * 1000:8.1f} {wall * 1000:8.1f}")


def learner_start(isolation: str) -> None:
    with tempfile.TemporaryFile() as output:
        learner = process.LearnerProcess(b"x = 1\n", "x.py", Limits(), output.fileno(),
                                         isolation)
        try:
            learner.start()
            learner.await_hello()
            assert "ready" in learner.wait_import()
        finally:
            learner.kill()


def pool_grading(exercise: str, preforked: bool, runs: int):
    source = catalog.active().solution_path(exercise).read_bytes()
    job = grading.make_job(source, f"{exercise}.py", catalog.get(exercise), 1, Limits())
    pool = executor.ForkServerExecutor(1, task_seconds=120, preforked=preforked)
    pool.submit(executor.run_job, job).result()  # the pool started and its first child ran

    def step() -> None:
        result = pool.submit(executor.run_job, job).result()
        assert result["score"] == result["max_score"], result["isolation"]

    return pool, step


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--runs", type=int, default=20)
    parser.add_argument("--exercise", default="softmax")
    options = parser.parse_args()
    meter = batch.CpuMeter()
    python = sys.executable
    print(f"{os.cpu_count()} CPUs; load average "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}; CPU time counted by {meter.how}")
    print(f"{'step (per run)':58} {'CPU ms':>8} {'wall ms':>8}")
    try:
        measure(meter, "python -I -c pass",
                lambda: subprocess.run([python, "-I", "-c", "pass"], check=True), options.runs)
        measure(meter, "python -I -c 'import numpy'",
                lambda: subprocess.run([python, "-I", "-c", "import numpy"], check=True),
                options.runs)
        measure(meter, "bwrap (namespaces, a read-only /) around /bin/true",
                lambda: subprocess.run(["bwrap", "--ro-bind", "/", "/", "--unshare-all",
                                        "--", "/bin/true"], check=True), options.runs)
        for level in launch.candidate_levels():
            if level.safe and not level.preforked:
                measure(meter, f"learner start, {level.key} (fresh interpreter)",
                        lambda key=level.key: learner_start(key), options.runs)
        zygote.start_template()
        if process._template is not None:
            measure(meter, "learner start, preforked (from the template)",
                    lambda: learner_start("preforked"), options.runs)
        process.use_template(None)
        for preforked in (False, True):
            pool, step = pool_grading(options.exercise, preforked, options.runs)
            with pool:
                measure(meter, f"{options.exercise} graded on the pool, "
                        f"{'preforked' if preforked else 'fresh learner'}", step, options.runs)
        course = catalog.active()
        course.importable()
        module = limit._solution(course, options.exercise)
        devnull = os.open(os.devnull, os.O_WRONLY)

        def in_process() -> None:
            saved = os.dup(1)
            os.dup2(devnull, 1)  # pytest's own output, as the worker sends it to /dev/null
            try:
                worker.run_suite(course, catalog.get(options.exercise), limit.InProcess(module),
                                 1)
            finally:
                os.dup2(saved, 1)
                os.close(saved)

        measure(meter, f"{options.exercise}'s suite in this process (the limit)", in_process,
                options.runs)
    finally:
        meter.close()


if __name__ == "__main__":
    main()
