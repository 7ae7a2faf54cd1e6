"""`grader report --cluster`: a class graded on a Dask cluster started here, as an instructor's.

The clusters are real: a `LocalCluster` of worker processes, or `dask scheduler` and `dask
worker` started as separate commands. Each grades a generated class, which must come out as a
local run of the same class and seed grades it. Workers are killed while they grade a slow
submission (found by the file its learner process holds open), the cluster is interrupted with
Ctrl-C, and clusters that must be refused are met: unreachable, not Dask, another grader version
or course on a worker, no `distributed` installed.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import classgen
import pytest

from grader import __version__
from grader.batch import classview, cluster, layout, run, store, summary
from grader.boundary.launch import ENVIRONMENT_KEY, Limits, candidate_levels
from grader.course import catalog
from grader.course import paths as course

distributed = pytest.importorskip("distributed")

pytestmark = pytest.mark.cluster

SEED = 7
MARKER = "cluster-test-marker"
ERRORS_PATTERN = re.compile(r"interrupted: (\d+) of (\d+) submissions are graded and saved in "
                            r"results\.jsonl; run the same command again to grade the other "
                            r"(\d+)\.")


@pytest.fixture(scope="module")
def local_cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as started:
        yield started


@pytest.fixture(scope="module")
def small_class(tmp_path_factory) -> classgen.ClassPlan:
    root = tmp_path_factory.mktemp("cluster") / "class"
    return classgen.generate(root, 10, per_learner=2, hostile=("exit",),
                             unreadable=("empty", "binary"))


@pytest.fixture(scope="module")
def graded_here(small_class, tmp_path_factory) -> Path:
    """The same class graded on this machine's pool: what the cluster must reproduce."""
    out = tmp_path_factory.mktemp("local") / "out"
    run.grade_class(small_class.root, out, seed=SEED, jobs=2)
    return out


def comparable(out: Path) -> dict:
    """Each result without what differs between two gradings of one file: timings, the
    moment, and where it ran."""
    found = {}
    for line in (out / store.RESULTS).read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        batch = data.pop("batch")
        for key in ("duration_s", "graded_at"):
            data.pop(key, None)
        for test in data["tests"]:
            test.pop("duration_s", None)
        found[(batch["learner"], data["exercise"])] = data
    return found


def records(out: Path) -> list[store.Record]:
    return [store.Record.from_line(line)
            for line in (out / store.RESULTS).read_text(encoding="utf-8").splitlines()]


def worker_addresses(address: str, wait: bool = False) -> list[str]:
    with distributed.Client(address, set_as_default=False) as client:
        if wait:
            client.wait_for_workers(1, timeout=120)
        return sorted(client.nthreads())


def test_a_class_graded_on_a_local_cluster_matches_the_local_run(
        run_cli, local_cluster, small_class, graded_here, tmp_path):
    address = local_cluster.scheduler_address
    out = tmp_path / "out"
    outcome = run_cli("report", small_class.root, "-o", out, "--seed", SEED,
                      "--cluster", address)
    assert outcome.exit_code == 0, outcome.stderr
    assert (out / "gradebook.csv").read_bytes() == (graded_here / "gradebook.csv").read_bytes()
    assert comparable(out) == comparable(graded_here)

    unreadable = {key for key, kind in small_class.submissions.items()
                  if kind in classgen.UNREADABLE}
    on_cluster = [r for r in records(out) if r.key not in unreadable]
    assert {r.cluster for r in on_cluster} == {address}
    assert all(r.worker is None and r.cluster is None for r in records(out)
               if r.key in unreadable)
    workers = worker_addresses(address)
    assert {r.worker for r in on_cluster} <= set(workers)

    lines = outcome.stdout.splitlines()
    assert re.fullmatch(r"Graded 10 learners, 20 submissions \(20 graded now, 0 kept from an "
                        r"earlier run\) in [\d.]+ s on the Dask cluster at "
                        + re.escape(address) + r" \(2 workers, 2 at once\)\.", lines[0])
    heading = lines.index(f"Graded on the Dask cluster at {address} by "
                          f"{len({r.worker for r in on_cluster})} workers, each at the "
                          "isolation level above:")
    assert lines[heading - 1].startswith("Isolation: ")
    shown = {}
    for line in lines[heading + 1:]:
        match = re.fullmatch(r"  (tcp://\S+) \((\d+) submissions?\)", line)
        if not match:
            break
        shown[match[1]] = int(match[2])
    assert shown == {worker: sum(r.worker == worker for r in on_cluster)
                     for worker in {r.worker for r in on_cluster}}
    assert sum(shown.values()) == len(small_class.submissions) - len(unreadable)

    page = (out / "index.html").read_text(encoding="utf-8")
    assert f"Graded on the Dask cluster at {address} by" in page
    assert all(f"<code>{worker}</code>" in page for worker in shown)

    with distributed.Client(address, set_as_default=False) as client:
        assert client.run_on_scheduler(_allowed_failures) == 3  # put back after the run


def _allowed_failures(dask_scheduler=None) -> int:
    return dask_scheduler.allowed_failures


def test_a_worker_that_must_be_refused_during_the_run_stops_it_with_what_was_graded_saved(
        run_cli, local_cluster, small_class, tmp_path, monkeypatch):
    """Workers check each task's terms themselves, for those that join after the first check:
    here every worker differs from what this machine expects once the run has started."""
    connect = cluster.connect

    def then_upgraded_here(*args, **kwargs):
        checked = connect(*args, **kwargs)
        checked.terms = dataclasses.replace(checked.terms, version="9.9")
        return checked

    monkeypatch.setattr(cluster, "connect", then_upgraded_here)
    out = tmp_path / "out"
    outcome = run_cli("report", small_class.root, "-o", out, "--seed", SEED, "--cluster",
                      local_cluster.scheduler_address)
    assert outcome.exit_code == 2
    match = re.fullmatch(r"grader: the worker at (tcp://\S+) runs nn-grader (\S+) and this "
                         r"machine runs 9\.9: install nn-grader 9\.9 on every worker and "
                         r"restart them\. What was graded is saved: run the same command "
                         r"again once that worker is fixed or stopped\.\n", outcome.stderr)
    assert match and match[1] in worker_addresses(local_cluster.scheduler_address)
    assert match[2] == __version__
    unreadable = sum(kind in classgen.UNREADABLE for kind in small_class.submissions.values())
    assert len(_saved(out)) == unreadable  # found here, saved before any task was sent
    monkeypatch.setattr(cluster, "connect", connect)
    rerun = run_cli("report", small_class.root, "-o", out, "--seed", SEED, "--cluster",
                    local_cluster.scheduler_address)
    assert rerun.exit_code == 0, rerun.stderr
    assert f"({len(small_class.submissions) - unreadable} graded now, {unreadable} kept " \
           "from an earlier run)" in rerun.stdout


def test_a_summary_names_each_workers_level_when_they_differ(graded_here, small_class):
    """One worker reports another level: each worker's line then says its own."""
    kept = records(graded_here)
    moved = []
    for index, record in enumerate(kept):
        if not record.result.isolation:
            moved.append(record)
            continue
        worker = f"tcp://10.0.0.{1 + index % 2}:40000"
        result = record.result
        if worker.startswith("tcp://10.0.0.2"):
            result = dataclasses.replace(result, isolation="process: stand-in")
        moved.append(dataclasses.replace(record, result=result, cluster="tcp://scheduler:8786",
                                         worker=worker))
    view = classview.build(layout.discover(small_class.root, None), moved, SEED)
    text = summary.render(run.Outcome(graded_here, view, graded_now=len(moved), reused=0,
                                      jobs=4, seconds=1.0, cluster="tcp://scheduler:8786",
                                      workers=2))
    lines = text.splitlines()
    first = sum(r.worker == "tcp://10.0.0.1:40000" for r in moved)
    second = sum(r.worker == "tcp://10.0.0.2:40000" for r in moved)
    level = next(r.result.isolation for r in moved if r.worker == "tcp://10.0.0.1:40000")
    start = lines.index("Graded on the Dask cluster at tcp://scheduler:8786 by 2 workers, each "
                        "at the isolation level shown:")
    assert lines[start + 1:start + 3] == [
        f"  tcp://10.0.0.1:40000 ({first} submissions): {level}",
        f"  tcp://10.0.0.2:40000 ({second} submissions): process: stand-in"]
    assert "on the Dask cluster at tcp://scheduler:8786 (2 workers, 4 at once)." in lines[0]


# dask scheduler and dask worker, started as an instructor would.

@pytest.fixture(scope="module")
def dask_commands(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dask")
    scheduler_file = folder / "scheduler.json"
    started = []
    try:
        started.append(_dask(folder, "scheduler", "--host", "127.0.0.1", "--port", "0",
                             "--no-dashboard", "--scheduler-file", str(scheduler_file)))
        address = _address(scheduler_file, started[0])
        started.append(_dask(folder, "worker", address, "--nthreads", "2", "--nworkers", "1",
                             "--no-dashboard", "--name", "instructor-worker"))
        with distributed.Client(address, set_as_default=False) as client:
            client.wait_for_workers(1, timeout=120)
        yield address
    finally:
        for process in reversed(started):
            _stop(process)


def _dask(folder: Path, *args: str, env: dict | None = None) -> subprocess.Popen:
    with open(folder / f"{args[0]}.log", "ab") as log:
        return subprocess.Popen([sys.executable, "-m", "dask", *args], stdout=log, stderr=log,
                                stdin=subprocess.DEVNULL, start_new_session=True, env=env)


def _address(scheduler_file: Path, process: subprocess.Popen) -> str:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert process.poll() is None, "dask scheduler ended"
        with contextlib.suppress(FileNotFoundError, ValueError):
            return json.loads(scheduler_file.read_text())["address"]
        time.sleep(0.1)
    raise AssertionError("dask scheduler wrote no scheduler file")


def _stop(process: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def report(submissions: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "grader", "report", str(submissions), "-o", str(out),
            "--seed", str(SEED), *extra]


def test_a_scheduler_and_a_worker_started_as_commands_grade_the_class(
        dask_commands, small_class, graded_here, tmp_path):
    out = tmp_path / "out"
    done = subprocess.run(report(small_class.root, out, "--cluster", dask_commands),
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    assert f"on the Dask cluster at {dask_commands} (1 worker, 2 at once)." in done.stdout
    assert f"Graded on the Dask cluster at {dask_commands} by 1 worker, at the isolation " \
           "level above:" in done.stdout
    assert (out / "gradebook.csv").read_bytes() == (graded_here / "gradebook.csv").read_bytes()
    assert comparable(out) == comparable(graded_here)


def test_ctrl_c_on_a_cluster_run_says_what_is_saved_and_the_rerun_finishes(
        dask_commands, tmp_path):
    plan = classgen.generate(tmp_path / "class", 8, per_learner=1, hostile=("loop",),
                             unreadable=())
    out = tmp_path / "out"
    process = subprocess.Popen(report(plan.root, out, "--cluster", dask_commands),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    deadline = time.monotonic() + 300
    while len(_saved(out)) < 2:
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "never saw two results saved"
        time.sleep(0.01)
    os.killpg(process.pid, signal.SIGINT)
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    match = ERRORS_PATTERN.search(stderr)
    assert match, stderr
    saved = _saved(out)
    assert (int(match[1]), int(match[2])) == (len(saved), 8)
    rerun = subprocess.run(report(plan.root, out, "--cluster", dask_commands),
                           capture_output=True, text=True, timeout=900)
    assert rerun.returncode == 0, rerun.stderr
    assert f"({8 - len(saved)} graded now, {len(saved)} kept from an earlier run)" in \
        rerun.stdout
    assert len(_saved(out)) == 8


def _saved(out: Path) -> set[tuple[str, str]]:
    try:
        text = (out / store.RESULTS).read_text(encoding="utf-8")
    except FileNotFoundError:
        return set()
    keys = set()
    for line in text.split("\n")[:-1]:
        record = json.loads(line)
        if not record["batch"].get("grader_failure"):
            keys.add((record["batch"]["learner"], record["exercise"]))
    return keys


# Workers that die.

@pytest.fixture
def fresh_cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as started:
        yield started


def slow_class(root: Path, learners: int, slow: str) -> classgen.ClassPlan:
    """`learners` learners and `slow`, each with a correct softmax; `slow`'s sleeps at import,
    holding a file open by which the test finds its learner process (and so the worker grading
    it). Submissions are sent in learner order, so `slow` is sent first or last by its name."""
    plan = classgen.ClassPlan(root)
    names = [f"learner{number:02d}" for number in range(1, learners + 1)]
    solution = course.solution_path("softmax").read_text(encoding="utf-8")
    for learner in sorted([*names, slow]):
        plan.submissions[(learner, "softmax")] = "correct"
        text = solution if learner != slow else (
            f"import time\n_marker = open({MARKER!r}, 'w')\ntime.sleep(8)\n" + solution)
        plan.path(learner, "softmax").parent.mkdir(parents=True)
        plan.path(learner, "softmax").write_text(text, encoding="utf-8")
    return plan


def worker_running_marker(client) -> tuple[str, int, int] | None:
    """(worker address, worker pid, learner pid) of the learner process holding MARKER."""
    # Not client.run(os.getpid): its signature check parses in the worker's event loop, and
    # CPython 3.11's ast module breaks when two threads parse at once.
    pids = {pid: address for address, pid in client.run_on_scheduler(_worker_pids).items()}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            holds = any(os.readlink(f"/proc/{entry}/fd/{fd}").endswith(MARKER)
                        for fd in os.listdir(f"/proc/{entry}/fd"))
        except OSError:
            continue
        if not holds:
            continue
        ancestor = int(entry)
        while ancestor > 1:
            if ancestor in pids:
                return pids[ancestor], ancestor, int(entry)
            ancestor = _parent(ancestor)
    return None


def _worker_pids(dask_scheduler=None) -> dict[str, int]:
    return {address: worker.pid for address, worker in dask_scheduler.workers.items()}


def _parent(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("PPid:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class Killer(threading.Thread):
    """Kills the worker that grades the slow submission, `times` times (each time a new
    learner process holds the marker)."""

    def __init__(self, address: str, times: int) -> None:
        super().__init__(daemon=True)
        self.address, self.times = address, times
        self.killed: list[str] = []
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            seen: set[int] = set()
            deadline = time.monotonic() + 300
            with distributed.Client(self.address, set_as_default=False) as client:
                while len(self.killed) < self.times and time.monotonic() < deadline:
                    found = worker_running_marker(client)
                    if found is None or found[2] in seen:
                        time.sleep(0.05)
                        continue
                    worker, pid, learner = found
                    seen.add(learner)
                    os.kill(pid, signal.SIGKILL)
                    self.killed.append(worker)
        except BaseException as error:  # noqa: BLE001  (reported by the test)
            self.error = error


def grade_counting(plan: classgen.ClassPlan, out: Path, address: str, monkeypatch) -> tuple:
    appended: dict[tuple[str, str], int] = {}
    append = store.Store.append

    def counting(self, record):
        appended[record.key] = appended.get(record.key, 0) + 1
        append(self, record)

    monkeypatch.setattr(store.Store, "append", counting)
    outcome = run.grade_class(plan.root, out, seed=SEED, cluster=address,
                              limits=Limits(import_seconds=30))
    return outcome, appended


def test_a_worker_killed_mid_run_costs_only_its_submissions_which_are_graded_elsewhere(
        fresh_cluster, tmp_path, monkeypatch):
    plan = slow_class(tmp_path / "class", 6, "ada")  # sent first: others are graded meanwhile
    killer = Killer(fresh_cluster.scheduler_address, times=1)
    killer.start()
    outcome, appended = grade_counting(plan, tmp_path / "out", fresh_cluster.scheduler_address,
                                       monkeypatch)
    killer.join(timeout=60)
    assert killer.error is None and len(killer.killed) == 1, killer.error
    assert appended == {key: 1 for key in plan.submissions}  # each graded once
    assert not outcome.grader_failures
    kept = {r.key: r for r in records(tmp_path / "out")}
    assert {key: (r.result.status.value, r.result.score) for key, r in kept.items()} == \
        {key: ("passed", 10.0) for key in plan.submissions}
    assert kept[("ada", "softmax")].worker != killer.killed[0]


def test_a_submission_in_flight_when_two_workers_die_is_a_graded_error_not_retried(
        fresh_cluster, tmp_path, monkeypatch):
    plan = slow_class(tmp_path / "class", 6, "zoe")  # sent last: alone on its worker
    killer = Killer(fresh_cluster.scheduler_address, times=2)
    killer.start()
    outcome, appended = grade_counting(plan, tmp_path / "out", fresh_cluster.scheduler_address,
                                       monkeypatch)
    killer.join(timeout=60)
    assert killer.error is None and len(killer.killed) == 2, killer.error
    assert appended == {key: 1 for key in plan.submissions}
    assert not outcome.grader_failures
    kept = {r.key: r for r in records(tmp_path / "out")}
    slow = kept.pop(("zoe", "softmax"))
    assert (slow.result.status.value, slow.result.score, slow.result.max_score) == \
        ("error", 0.0, float(catalog.get("softmax").points))
    assert slow.result.message == cluster.KILLED_TWICE
    assert slow.grader_failure is None
    assert {r.result.status.value for r in kept.values()} == {"passed"}
    again = run.grade_class(plan.root, tmp_path / "out", seed=SEED,
                            cluster=fresh_cluster.scheduler_address)
    assert again.graded_now == 0  # recorded for good: not retried on every run


def test_a_cluster_left_without_workers_stops_the_run_with_what_was_graded_saved(
        tmp_path, monkeypatch):
    monkeypatch.setattr(cluster, "WORKERS_SECONDS", 3.0)
    monkeypatch.setattr(cluster, "REFRESH_SECONDS", 0.5)
    plan = slow_class(tmp_path / "class", 3, "zoe")  # sent last
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as started:
        address = started.scheduler_address

        def stop_the_workers() -> None:
            with distributed.Client(address, set_as_default=False) as client:
                deadline = time.monotonic() + 300
                while worker_running_marker(client) is None and time.monotonic() < deadline:
                    time.sleep(0.05)
            started.scale(0)

        stopper = threading.Thread(target=stop_the_workers, daemon=True)
        stopper.start()
        with pytest.raises(cluster.ClusterError) as stopped:
            run.grade_class(plan.root, tmp_path / "out", seed=SEED, cluster=address,
                            limits=Limits(import_seconds=30))
        stopper.join(timeout=60)
    assert str(stopped.value) == (f"the Dask cluster at {address} has had no workers for 3 s. "
                                  "What was graded is saved: start workers and run the same "
                                  "command again.")
    assert _saved(tmp_path / "out") == set(plan.submissions) - {("zoe", "softmax")}


# Clusters that must be refused, before anything is graded.

def test_without_distributed_cluster_is_a_usage_error_that_says_how_to_install(
        run_cli, small_class, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    outcome = run_cli("report", small_class.root, "-o", tmp_path / "out", "--cluster",
                      "tcp://127.0.0.1:8786")
    assert outcome.exit_code == 2
    assert outcome.stderr == ("grader: --cluster needs Dask's distributed package, which is "
                              "not installed here; install it with `pip install "
                              "'nn-grader[dask]'`.\n")
    assert not (tmp_path / "out").exists()


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_an_unreachable_cluster_is_a_usage_error_naming_the_address_and_reason(
        run_cli, small_class, tmp_path):
    address = f"tcp://127.0.0.1:{_closed_port()}"
    outcome = run_cli("report", small_class.root, "-o", tmp_path / "out", "--cluster", address)
    assert outcome.exit_code == 2
    assert outcome.stderr == f"grader: cannot reach the Dask scheduler at {address}: " \
                             "Connection refused.\n"
    assert not (tmp_path / "out").exists()


def test_an_address_without_a_port_is_a_usage_error(run_cli, small_class, tmp_path):
    outcome = run_cli("report", small_class.root, "-o", tmp_path / "out", "--cluster",
                      "tcp://127.0.0.1")
    assert outcome.exit_code == 2
    assert outcome.stderr == ("grader: tcp://127.0.0.1 is not a Dask scheduler address "
                              "(missing port number in address '127.0.0.1'); give one such as "
                              "tcp://HOST:8786.\n")


def test_a_server_that_is_not_dask_is_refused_without_waiting_forever(
        run_cli, small_class, tmp_path, monkeypatch):
    """A Dask Client alone waits forever on a server that accepts and says nothing."""
    monkeypatch.setattr(cluster, "CONNECT_SECONDS", 1.0)
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        address = f"tcp://127.0.0.1:{server.getsockname()[1]}"
        outcome = run_cli("report", small_class.root, "-o", tmp_path / "out", "--cluster",
                          address)
    assert outcome.exit_code == 2
    assert outcome.stderr == (f"grader: what answers at {address} is not a Dask scheduler (no "
                              "answer within 2 s); give the address `dask scheduler` prints, "
                              "such as tcp://HOST:8786.\n")


def test_jobs_with_cluster_is_a_usage_error(run_cli, small_class, tmp_path):
    outcome = run_cli("report", small_class.root, "-o", tmp_path / "out", "--jobs", "2",
                      "--cluster", "tcp://127.0.0.1:8786")
    assert outcome.exit_code == 2
    assert "with --cluster the workers' threads decide" in outcome.stderr


def other_install(root: Path, differs: str) -> Path:
    """A copy of this grader, with another version number or another softmax suite."""
    shutil.copytree(course.PACKAGE_DIR, root / "grader",
                    ignore=shutil.ignore_patterns("__pycache__"))
    if not (catalog.BUILTIN_DIR / "exercises").is_dir():  # a checkout, not a wheel
        for folder in ("exercises", "solutions", "templates"):
            shutil.copytree(course.PACKAGE_DIR.parent / folder, root / folder)
    if differs == "version":
        init = root / "grader" / "__init__.py"
        text = init.read_text(encoding="utf-8")
        assert f'"{__version__}"' in text
        init.write_text(text.replace(f'"{__version__}"', '"0.0.1"'), encoding="utf-8")
    else:
        suites = root / "grader" / catalog.BUILTIN_DIR.relative_to(course.PACKAGE_DIR) / "suites"
        with open(suites / "test_softmax.py", "a") as suite:
            suite.write("\n# a newer suite\n")
    return root


@pytest.mark.parametrize("differs", ["version", "course"])
def test_a_worker_with_another_grader_or_course_is_refused_before_grading(
        differs, run_cli, small_class, tmp_path):
    other = other_install(tmp_path / "other", differs)
    scheduler_file = tmp_path / "scheduler.json"
    started = [_dask(tmp_path, "scheduler", "--host", "127.0.0.1", "--port", "0",
                     "--no-dashboard", "--scheduler-file", str(scheduler_file))]
    try:
        address = _address(scheduler_file, started[0])
        started.append(_dask(tmp_path, "worker", address, "--nthreads", "1", "--no-dashboard",
                             env={**os.environ, "PYTHONPATH": str(other)}))
        (worker,) = worker_addresses(address, wait=True)
        outcome = run_cli("report", small_class.root, "-o", tmp_path / "out", "--cluster",
                          address)
    finally:
        for process in reversed(started):
            _stop(process)
    assert outcome.exit_code == 2
    why = {"version": (f"runs nn-grader 0.0.1 and this machine runs {__version__}: install "
                       f"nn-grader {__version__} on every worker and restart them"),
           "course": ("has other course files than this machine (for softmax): install the "
                      "same nn-grader and course on every worker and restart them")}[differs]
    assert outcome.stderr == (f"grader: the Dask cluster at {address} cannot grade for this "
                              f"machine: the worker at {worker} {why}.\n")
    assert not (tmp_path / "out").exists()


@pytest.fixture(scope="module")
def unsafe_cluster():
    """Workers whose learner processes are forced to the `process` level: not safe for class
    grading (the learner keeps root's uid, or sees the installation)."""
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=True,
                                  dashboard_address=":0",
                                  env={ENVIRONMENT_KEY: "process"}) as started:
        yield started


def test_a_worker_at_an_unsafe_level_is_refused_as_a_local_run_is(
        run_cli, unsafe_cluster, small_class, tmp_path):
    address = unsafe_cluster.scheduler_address
    (worker,) = worker_addresses(address)
    outcome = run_cli("report", small_class.root, "-o", tmp_path / "out", "--cluster", address)
    assert outcome.exit_code == 2
    reason = candidate_levels("process")[0].unsafe_reason
    assert outcome.stderr == (
        f"grader: the Dask cluster at {address} cannot grade for this machine: the worker at "
        f"{worker} would run learner code at the 'process' isolation level, which is not safe "
        f"for class grading on that machine ({reason}): install bubblewrap there (`apt-get "
        "install bubblewrap`) so that learner code runs sandboxed, or pass --unsafe-isolation "
        "to grade anyway (every result and report then says UNSAFE).\n")
    assert not (tmp_path / "out").exists()


def test_with_unsafe_isolation_a_cluster_grades_and_says_unsafe_everywhere(
        run_cli, unsafe_cluster, small_class, tmp_path):
    address = unsafe_cluster.scheduler_address
    out = tmp_path / "out"
    outcome = run_cli("report", small_class.root, "-o", out, "--cluster", address,
                      "--unsafe-isolation")
    assert outcome.exit_code == 0, outcome.stderr
    levels = {r.result.isolation for r in records(out) if r.worker}
    assert len(levels) == 1 and next(iter(levels)).startswith("UNSAFE: process: ")
    assert f"Isolation: {next(iter(levels))}" in outcome.stdout
    assert f"Graded on the Dask cluster at {address} by 1 worker, at the isolation level " \
           "above:" in outcome.stdout
    assert "Warning: some learner code ran UNSAFE (--unsafe-isolation)" in outcome.stdout


def course_copy(root: Path) -> Path:
    """The built-in course as a course folder of its own, as an instructor keeps one."""
    builtin = catalog.builtin()
    root.mkdir()
    shutil.copy(builtin.catalog_path, root / catalog.COURSE_FILE)
    shutil.copytree(builtin.suites_dir, root / "suites",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(builtin.stubs_dir, root / "exercises")
    shutil.copytree(builtin.solutions_dir, root / "solutions")
    return root


def test_a_course_folder_of_its_own_is_graded_on_the_cluster_as_here(
        run_cli, local_cluster, small_class, tmp_path):
    folder = course_copy(tmp_path / "course")
    here = run_cli("--course", folder, "report", small_class.root, "-o", tmp_path / "here",
                   "--seed", SEED, "-j", 2)
    assert here.exit_code == 0, here.stderr
    there = run_cli("--course", folder, "report", small_class.root, "-o", tmp_path / "there",
                    "--seed", SEED, "--cluster", local_cluster.scheduler_address)
    assert there.exit_code == 0, there.stderr
    assert comparable(tmp_path / "there") == comparable(tmp_path / "here")
    assert {r.cluster for r in records(tmp_path / "there") if r.worker} == \
        {local_cluster.scheduler_address}


def test_a_worker_without_the_course_folder_this_machine_grades_is_refused(tmp_path):
    with catalog.using(catalog.load(course_copy(tmp_path / "course"))):
        terms = cluster.local_terms(unsafe_isolation=False)
    missing = tmp_path / "elsewhere"
    terms = dataclasses.replace(terms, course_key=str(missing))
    facts = {"address": "tcp://10.0.0.7:40000", "threads": 1,
             **cluster.describe_worker(None, str(missing))}
    assert cluster.refusal(facts, terms).startswith(
        f"the worker at tcp://10.0.0.7:40000 cannot use the course this machine grades, at "
        f"{missing} (")
