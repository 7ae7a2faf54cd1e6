"""What the trust boundary costs, measured side by side in one run: `python bench/boundary.py`.

1. One proxied call (`submission.softmax(L)` across the boundary) against the same call made
   in-process on the reference module.
2. Starting a learner process (until it has imported the submission and answers), at each
   isolation level that works here, against a bare `python -c "import numpy"` and against a
   fork of a template process that has numpy imported already.
3. The whole check of `softmax`: `grader check` (worker + learner process) against a bare
   in-process pytest run of the same suite on the solution imported directly (no boundary),
   and the same two as fresh processes.

Figures are medians over repeats; compare the ratios, not the absolute times (the machine is
shared). Nothing here is a test: no figure is asserted anywhere.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader.boundary import launch  # noqa: E402
from grader.boundary.launch import ENVIRONMENT_KEY, Limits  # noqa: E402
from grader.boundary.proxy import Session  # noqa: E402
from grader.core import grading  # noqa: E402
from grader.course import paths as course  # noqa: E402


def median_seconds(action, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def output_fd() -> int:
    handle, path = tempfile.mkstemp(prefix="nn-bench-output-")
    os.unlink(path)
    return handle


def load_solution():
    spec = importlib.util.spec_from_file_location("bench_solution",
                                                  course.solution_path("softmax"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def proxied_call(calls: int) -> tuple[float, float]:
    source = course.solution_path("softmax").read_bytes()
    session = Session(source, "softmax.py", Limits(), output_fd())
    try:
        session.spawn()
        session.start_test(600)
        remote = session.module()
        values = np.array([1.0, 2.0, 3.0, 4.0, 1.0, 2.0, 3.0])
        remote.softmax(values)
        across = median_seconds(lambda: remote.softmax(values), calls)
    finally:
        session.close()
    local = load_solution()
    direct = median_seconds(lambda: local.softmax(values), calls)
    return across, direct


def learner_start(key: str, repeats: int) -> float:
    source = course.solution_path("softmax").read_bytes()
    fd = output_fd()

    def start() -> None:
        session = Session(source, "softmax.py", Limits(), fd, key)
        try:
            session.spawn()
            session.module()
        finally:
            session.close()

    start()  # the first start also finds the level; later ones reuse it
    return median_seconds(start, repeats)


def bare_interpreter(repeats: int) -> float:
    command = [sys.executable, "-I", "-c", "import numpy"]
    return median_seconds(lambda: subprocess.run(command, check=True), repeats)


TEMPLATE = r"""
import os, sys
import numpy
from grader.boundary import learner, wire
os.write(1, b"r")
while os.read(0, 1):
    child = os.fork()
    if child == 0:
        os.write(1, b"c")
        os._exit(0)
    os.waitpid(child, 0)
"""


def forked_template(repeats: int) -> float:
    """A template that imported numpy and the learner side forks a child per request; the time
    is from the request to the child's first word (what a fork server would pay per start)."""
    template = subprocess.Popen(launch.python_command(TEMPLATE), stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, bufsize=0)
    try:
        assert template.stdout.read(1) == b"r"

        def fork_once() -> None:
            template.stdin.write(b"x")
            assert template.stdout.read(1) == b"c"

        fork_once()
        return median_seconds(fork_once, repeats)
    finally:
        template.stdin.close()
        template.wait()


class BarePlugin:
    """The suite's fixtures without a boundary: `submission` is the solution, imported here."""

    def __init__(self, solution, seed: int) -> None:
        self.solution = solution
        self.seed = seed

    def pytest_configure(self, config) -> None:
        for marker in ("points(n)", "hidden", "hint(n)", "timeout(seconds)", "optional"):
            config.addinivalue_line("markers", marker)

    @pytest.fixture
    def submission(self):
        return self.solution

    @pytest.fixture
    def reference(self):
        return self.solution

    @pytest.fixture
    def rng(self, request):
        return np.random.default_rng([self.seed, zlib.crc32(request.node.nodeid.encode())])

    @pytest.fixture
    def learner(self):
        class Local:
            def seed_numpy(self, seed: int) -> None:
                np.random.seed(seed)

        return Local()


def bare_pytest_in_process(repeats: int) -> float:
    solution = load_solution()
    arguments = [str(course.suite_path("softmax")), "-q", "--noconftest", "--assert=plain",
                 "-p", "no:cacheprovider", "-c", os.devnull, "--rootdir",
                 str(course.suites_dir()), "-W", "ignore::DeprecationWarning"]

    def run() -> None:
        with contextlib.redirect_stdout(io.StringIO()):
            pytest.main(arguments, plugins=[BarePlugin(solution, 1)])

    run()
    return median_seconds(run, repeats) if repeats else 0.0


def graded_in_process(repeats: int) -> float:
    path = course.solution_path("softmax")
    return median_seconds(lambda: grading.grade(path, "softmax", seed=1), repeats)


BARE_PYTEST_SCRIPT = r"""
import sys
sys.path.insert(0, {bench!r})
from boundary import bare_pytest_in_process
bare_pytest_in_process(0)
"""


def bare_pytest_process(repeats: int) -> float:
    script = BARE_PYTEST_SCRIPT.format(bench=str(Path(__file__).resolve().parent))
    command = [sys.executable, "-c", script]
    return median_seconds(lambda: subprocess.run(command, check=True, capture_output=True),
                          repeats)


def grader_check_process(repeats: int) -> float:
    command = [sys.executable, "-m", "grader", "check", str(course.solution_path("softmax")),
               "--format", "json", "--seed", "1"]
    return median_seconds(lambda: subprocess.run(command, check=True, capture_output=True),
                          repeats)


def row(label: str, seconds: float, baseline: float | None = None) -> str:
    if baseline:
        value = seconds / baseline
        ratio = f"{value:8.2f}x" if value < 1 else f"{value:8.1f}x"
    else:
        ratio = " " * 9
    return f"  {label:<58} {seconds * 1000:10.2f} ms {ratio}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=500, help="proxied calls to time")
    parser.add_argument("--starts", type=int, default=10, help="process starts per figure")
    parser.add_argument("--checks", type=int, default=7, help="whole checks per figure")
    options = parser.parse_args()
    os.environ.pop(ENVIRONMENT_KEY, None)
    levels = launch.candidate_levels()
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; "
          f"uid {os.getuid()}; Python {sys.version.split()[0]}, NumPy {np.__version__}")
    print(f"strongest level here: {levels[0].key}\n")

    across, direct = proxied_call(options.calls)
    print(f"1. one softmax call of 7 scores (median of {options.calls})")
    print(row("in-process call on the reference module", direct))
    print(row("proxied call across the boundary", across, direct))

    print(f"\n2. starting a learner process, until it answers (median of {options.starts})")
    numpy_start = bare_interpreter(options.starts)
    print(row('bare `python -I -c "import numpy"` (baseline)', numpy_start))
    print(row("fork of a template that imported numpy", forked_template(options.starts * 5),
              numpy_start))
    for level in levels:
        print(row(f"learner process, level {level.key}", learner_start(level.key, options.starts),
                  numpy_start))

    print(f"\n3. the whole check of softmax on its solution (median of {options.checks})")
    bare = bare_pytest_in_process(options.checks)
    print(row("bare pytest of the suite, in-process, no boundary (before)", bare))
    print(row("grading.grade(): worker + learner process (after)",
              graded_in_process(options.checks), bare))
    bare_process = bare_pytest_process(options.checks)
    print(row("bare pytest of the suite as a fresh process (before)", bare_process))
    print(row("`python -m grader check` as a fresh process (after)",
              grader_check_process(options.checks), bare_process))


if __name__ == "__main__":
    main()
