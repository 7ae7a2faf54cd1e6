"""Grading on a Dask cluster, behind the same Executor seam as the local pool.

Only the grading moves. results.jsonl, the lock, resume and every report stay on the
instructor's machine: each task carries one vetted submission's job (its source text, exercise,
seed and limits) to a worker and brings the result JSON back. On the worker the job is graded
exactly as a local run grades it: a fork server of the worker's own (executor.py) forks one
trusted grading process per task, which starts the learner's code in the strongest sandbox that
worker's machine allows, under the job's limits. Learner code never runs in the Dask worker
process itself.

Before anything is graded, every worker reports its grader version, a digest of its course and
the isolation level it starts learner processes at; a worker that differs from this machine, or
whose level is not safe for class grading, is refused. A worker that joins later checks itself
against the same terms before each task.

A worker that dies costs only the tasks in flight on it (running, or sent to it to run next):
the scheduler sends them to another worker. For the run's length the scheduler is told to give
up on a task after the second worker dies under it (its `allowed_failures`, 3 by default, is set
to 1 and put back at the end); that submission is then recorded as a graded error for its
learner, so a file that brings workers down cannot take the cluster with it.

Dask moves tasks and answers between trusted processes (this one, the scheduler, the workers)
with pickle; what comes from a learner's code is JSON inside a result, as locally.
"""

from __future__ import annotations

import collections
import hashlib
import json
import os
import queue
import socket
import threading
import time
import uuid
from concurrent.futures import BrokenExecutor, Executor, Future
from dataclasses import asdict, dataclass
from typing import Any

import grader
from grader import i18n
from grader.batch import store
from grader.batch.executor import ForkServerExecutor, TaskFailed, Where, run_job
from grader.boundary.launch import ENVIRONMENT_KEY, Limits
from grader.core import grading
from grader.course import catalog
from grader.course import paths as course
from grader.i18n import N_, _, counted

CONNECT_SECONDS = 10.0
WORKERS_SECONDS = 30.0
SURVEY_SECONDS = 120.0
REFRESH_SECONDS = 5.0
ALLOWED_FAILURES = 1
INSTALL = "pip install 'nn-grader[dask]'"
SHOWN_WORKERS = 5

KILLED_TWICE = N_(
    "Your file could not be graded: the grading machine running it stopped, and so did the "
    "second one that tried it, so it was not tried again. This usually means the code used far "
    "more memory or processes than the exercise needs. Check that your code runs quickly on a "
    "small example and submit it again; if it does, tell your instructor.")


class MissingExtra(Exception):
    """`distributed` is not installed: a usage error, with the command that installs it."""


class ClusterError(Exception):
    """The cluster cannot be used (unreachable, no workers, a worker that differs from this
    machine or cannot sandbox learner code safely): a usage error, the message says which."""


@dataclass(frozen=True)
class WorkerReport:
    """What a worker says about itself before it grades anything."""

    address: str
    threads: int
    problem: str  # why it must not grade; "" when it may


@dataclass(frozen=True)
class Terms:
    """What a worker must match to grade for this machine."""

    version: str
    course: str
    exercises: dict[str, str]
    unsafe_isolation: bool
    course_key: str | None = None  # how jobs name the course (catalog.Course.job_key)
    lang: str = i18n.ENGLISH  # the language a worker's refusal is written in


def connect(address: str, *, unsafe_isolation: bool = False,
            timeout: float | None = None) -> Cluster:
    """A client of the scheduler at `address` whose every worker passed the checks.

    Raises MissingExtra without `distributed`, ClusterError when the cluster cannot be used."""
    distributed = _distributed()
    timeout = CONNECT_SECONDS if timeout is None else timeout
    _reachable(address, timeout)
    _check_scheduler(address, timeout)
    try:
        client = distributed.Client(address, timeout=timeout, set_as_default=False)
    except (OSError, ValueError, TimeoutError) as error:
        raise ClusterError(_("cannot reach the Dask scheduler at {address}: {reason}.").format(
            address=address, reason=error)) from None
    try:
        terms = local_terms(unsafe_isolation)
        workers = _survey(client, address, terms)
        previous = client.run_on_scheduler(_set_allowed_failures, ALLOWED_FAILURES)
    except BaseException:
        client.close()
        raise
    return Cluster(address, client, terms, workers, previous)


def _distributed():
    try:
        import distributed
    except ImportError:
        raise MissingExtra(_("--cluster needs Dask's distributed package, which is not "
                             "installed here; install it with `{command}`.").format(
                                 command=INSTALL)) from None
    return distributed


def _reachable(address: str, timeout: float) -> None:
    """Dask reports a refused connection and an unknown host alike, as a timeout after
    `timeout` seconds; a plain connection first gives the reason, at once."""
    from distributed.comm import parse_address, parse_host_port, registry

    try:
        scheme, location = parse_address(address)
        if scheme not in registry.backends:
            raise ValueError(_("unknown scheme {scheme!r}; Dask knows {schemes}").format(
                scheme=scheme, schemes=i18n.listing(sorted(registry.backends))))
        if scheme not in ("tcp", "tls"):
            return
        host, port = parse_host_port(location)
    except ValueError as error:
        raise ClusterError(_("{address} is not a Dask scheduler address ({error}); give one "
                             "such as tcp://HOST:8786.").format(address=address,
                                                               error=error)) from None
    try:
        socket.create_connection((host, port), timeout=timeout).close()
    except OSError as error:
        reason = error.strerror or str(error) or type(error).__name__
        raise ClusterError(_("cannot reach the Dask scheduler at {address}: {reason}.").format(
            address=address, reason=reason)) from None


def _check_scheduler(address: str, timeout: float) -> None:
    """Ask what answers at `address` before a Client does: Dask's Client waits forever on a
    server that accepts and says nothing, and reads another protocol's greeting as a frame of
    exabytes."""
    import asyncio

    from distributed.comm import connect

    async def identity() -> object:
        comm = await connect(address, timeout=timeout)
        try:
            await comm.write({"op": "identity", "reply": True})
            return await comm.read()
        finally:
            await comm.close()

    try:
        answer = asyncio.run(asyncio.wait_for(identity(), 2 * timeout))
    except TimeoutError:
        answer = _("no answer within {seconds:g} s").format(seconds=2 * timeout)
    except Exception as error:  # noqa: BLE001  (whatever another server makes Dask raise)
        answer = f"{type(error).__name__}: {error}"
    if isinstance(answer, dict) and answer.get("type") == "Scheduler":
        return
    if isinstance(answer, dict) and answer.get("type"):
        answer = _("it is a Dask {kind}, not the scheduler").format(kind=answer["type"])
    elif not isinstance(answer, str):
        answer = _("its answer is not a Dask scheduler's")
    raise ClusterError(_("what answers at {address} is not a Dask scheduler ({answer}); give "
                         "the address `dask scheduler` prints, such as "
                         "tcp://HOST:8786.").format(address=address, answer=answer))


def local_terms(unsafe_isolation: bool) -> Terms:
    exercises = course_digests()
    return Terms(grader.__version__, _digest(exercises), exercises, unsafe_isolation,
                 catalog.active().job_key(), i18n.current())


def course_digests() -> dict[str, str]:
    """Per exercise of the course in use, a digest of what grading it reads: its catalog
    entry, stub, suite (with its helpers) and reference solution."""
    digests = {}
    for exercise in catalog.exercises():
        digest = hashlib.sha256(json.dumps(asdict(exercise), sort_keys=True).encode())
        digest.update(str(store.suite_version(exercise.name)).encode())
        try:
            digest.update(course.stub_path(exercise.name).read_bytes())
        except OSError:
            digest.update(b"no stub")
        digests[exercise.name] = digest.hexdigest()[:16]
    return digests


def _digest(exercises: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(exercises, sort_keys=True).encode()).hexdigest()[:16]


def _survey(client, address: str, terms: Terms) -> dict[str, WorkerReport]:
    try:
        client.wait_for_workers(1, timeout=WORKERS_SECONDS)
    except TimeoutError:
        raise ClusterError(_("the Dask scheduler at {address} has no workers (none joined in "
                             "{seconds:g} s); start one on each machine with `dask worker "
                             "{address}`.").format(address=address,
                                                   seconds=WORKERS_SECONDS)) from None
    threads = client.nthreads()
    futures = {worker: client.submit(report, terms, key=f"nn-grader-survey-{uuid.uuid4().hex}",
                                     workers=[worker], allow_other_workers=False, pure=False)
               for worker in threads}
    reports: dict[str, WorkerReport] = {}
    problems: list[str] = []
    deadline = time.monotonic() + SURVEY_SECONDS
    for worker, future in futures.items():
        try:
            reports[worker] = future.result(timeout=max(0.1, deadline - time.monotonic()))
        except TimeoutError:
            problems.append(_("the worker at {worker} did not answer within {seconds:g} "
                              "s").format(worker=worker, seconds=SURVEY_SECONDS))
        except Exception as error:  # noqa: BLE001  (a worker without this grader, say)
            problems.append(_("the worker at {worker} could not run nn-grader {version} "
                              "({error}): install it there").format(
                worker=worker, version=terms.version, error=f"{type(error).__name__}: {error}"))
        else:
            if reports[worker].problem:
                problems.append(reports[worker].problem)
    if len(problems) == 1:
        raise ClusterError(_("the Dask cluster at {address} cannot grade for this machine: "
                             "{problem}.").format(address=address, problem=problems[0]))
    if problems:
        lines = [_("the Dask cluster at {address} cannot grade for this machine:").format(
            address=address)]
        lines += [_("  {problem}.").format(problem=problem[0].upper() + problem[1:])
                  for problem in problems[:SHOWN_WORKERS]]
        if len(problems) > SHOWN_WORKERS:
            lines.append(counted(len(problems) - SHOWN_WORKERS,
                                 "  And {n} more worker cannot grade either.",
                                 "  And {n} more workers cannot grade either."))
        raise ClusterError("\n".join(lines))
    return reports


def _set_allowed_failures(value: int, dask_scheduler=None) -> int:
    """Run on the scheduler: how many worker deaths a task survives. Returns the old value."""
    previous = dask_scheduler.allowed_failures
    dask_scheduler.allowed_failures = value
    return previous


class Cluster:
    """A connection to a checked cluster: makes the run's executor, and is closed after it."""

    def __init__(self, address: str, client, terms: Terms, workers: dict[str, WorkerReport],
                 allowed_failures: int) -> None:
        self.address = address
        self.client = client
        self.terms = terms
        self.workers = workers
        self._allowed_failures = allowed_failures

    @property
    def threads(self) -> int:
        return sum(report.threads for report in self.workers.values())

    def executor(self, jobs: int, task_seconds: float) -> ClusterExecutor:
        """An `ExecutorFactory`: the cluster's threads, not `jobs`, decide how many run."""
        return ClusterExecutor(self)

    def close(self) -> None:
        try:
            self.client.run_on_scheduler(_set_allowed_failures, self._allowed_failures)
        except (OSError, TimeoutError):
            pass  # the scheduler is gone, and its setting with it
        finally:
            self.client.close()


class GradedFuture(Future):
    """A future that says where its task ran (`where`, set before its result)."""

    where: Where | None = None


class ClusterExecutor(Executor):
    """Sends `run_job` tasks to the cluster, a window of them at a time.

    Every job waits here until there is room: at most twice the cluster's threads (and two more)
    are on the scheduler at once, so that each worker has its next task at hand and the
    scheduler never holds a whole class's sources. A dispatcher thread submits, collects and
    resolves; the window follows the cluster's size as workers come and go.
    """

    def __init__(self, cluster: Cluster) -> None:
        self.cluster = cluster
        self._client = cluster.client
        self._terms = cluster.terms
        self._lock = threading.Lock()
        self._pending: collections.deque[tuple[GradedFuture, dict]] = collections.deque()
        self._remote: dict[Any, tuple[Any, GradedFuture, dict]] = {}  # by Dask key
        self._done: queue.SimpleQueue = queue.SimpleQueue()
        self._window = self._size(cluster.threads)
        self._shutdown = False
        self._broken: str | None = None
        self._failure_kind: type[Exception] = BrokenExecutor
        self._thread = threading.Thread(target=self._dispatch, name="cluster", daemon=True)
        self._thread.start()

    def submit(self, fn, /, *args: Any, **kwargs: Any) -> Future:
        if fn is not run_job or kwargs or len(args) != 1:
            raise TypeError("a cluster executor runs grading jobs only: submit(run_job, job)")
        future = GradedFuture()
        with self._lock:
            if self._broken:
                raise BrokenExecutor(self._broken)
            if self._shutdown:
                raise RuntimeError("cannot submit after shutdown")
            self._pending.append((future, args[0]))
        self._done.put(None)
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        with self._lock:
            self._shutdown = True
            if cancel_futures:
                self._cancel_pending()
        self._done.put(None)
        if wait:
            self._thread.join()

    def terminate(self) -> None:
        """Stop now (Ctrl-C): what has not been sent is cancelled; what has is cancelled on
        the scheduler (a task already running finishes on its worker, and is not kept)."""
        self._break(_("the run was stopped"))
        self._thread.join()

    @staticmethod
    def _size(threads: int) -> int:
        return 2 * threads + 2

    def _dispatch(self) -> None:
        refreshed = time.monotonic()
        workers_since = refreshed
        try:
            while True:
                with self._lock:
                    if self._broken or (self._shutdown and not self._pending
                                        and not self._remote):
                        break
                    ready = self._take_ready()
                for future, job in ready:
                    self._send(future, job)
                self._resolve(self._arrivals())
                if time.monotonic() - refreshed > REFRESH_SECONDS:
                    threads = sum(self._client.nthreads().values())
                    self._window = self._size(threads)
                    refreshed = time.monotonic()
                    if threads:
                        workers_since = refreshed
                    elif refreshed - workers_since > WORKERS_SECONDS:
                        self._break(_("the Dask cluster at {address} has had no workers for "
                                      "{seconds:g} s. What was graded is saved: start workers "
                                      "and run the same command again.").format(
                                          address=self.cluster.address,
                                          seconds=WORKERS_SECONDS), ClusterError)
        except Exception as error:  # noqa: BLE001  (the client broke: the run stops, saved)
            self._break(_("the connection to the Dask cluster at {address} failed "
                          "({error})").format(address=self.cluster.address,
                                              error=f"{type(error).__name__}: {error}"))
        finally:
            self._close()

    def _arrivals(self) -> list:
        """The tasks that ended since the last call, waiting for one (or a wake-up) first."""
        try:
            items = [self._done.get(timeout=REFRESH_SECONDS)]
        except queue.Empty:
            return []
        while True:
            try:
                items.append(self._done.get_nowait())
            except queue.Empty:
                return [item for item in items if item is not None]

    def _take_ready(self) -> list[tuple[GradedFuture, dict]]:
        ready = []
        while self._pending and len(self._remote) + len(ready) < self._window:
            future, job = self._pending.popleft()
            if future.set_running_or_notify_cancel():
                ready.append((future, job))
        return ready

    def _send(self, future: GradedFuture, job: dict) -> None:
        remote = self._client.submit(grade, job, self._terms, pure=False,
                                     key=f"nn-grader-{job['exercise']}-{uuid.uuid4().hex}")
        with self._lock:
            self._remote[remote.key] = (remote, future, job)  # a dropped Dask future is released
        remote.add_done_callback(self._done.put)

    def _resolve(self, remotes: list) -> None:
        finished = [remote for remote in remotes if remote.status == "finished"]
        try:
            answers = self._client.gather(finished) if finished else []
        except Exception:  # noqa: BLE001  (one was lost meanwhile: each is asked alone)
            answers = None
        for index, remote in enumerate(finished):
            if answers is not None:
                self._answer(remote, answers[index])
                continue
            try:
                answer = remote.result()
            except Exception:  # noqa: BLE001
                self._failure(remote)
            else:
                self._answer(remote, answer)
        for remote in remotes:
            if remote.status != "finished":
                self._failure(remote)

    def _claim(self, remote) -> tuple[GradedFuture, dict] | None:
        with self._lock:
            claimed = self._remote.pop(remote.key, None)
        return None if claimed is None else claimed[1:]

    def _answer(self, remote, answer: dict) -> None:
        claimed = self._claim(remote)
        if claimed is None:
            return
        future = claimed[0]
        if "result" in answer:
            future.where = Where(self.cluster.address, answer["worker"])
            future.set_result(answer["result"])
        elif "refused" in answer:
            future.set_exception(ClusterError(_(
                "{refusal}. What was graded is saved: run the same command again once that "
                "worker is fixed or stopped.").format(refusal=answer["refused"])))
        else:
            future.set_exception(TaskFailed(answer["failed"], timed_out=answer["timed_out"],
                                            detail=answer["detail"]))

    def _failure(self, remote) -> None:
        claimed = self._claim(remote)
        if claimed is None:
            return
        future, job = claimed
        if remote.status != "error":
            future.set_exception(BrokenExecutor(
                _("the Dask cluster at {address} dropped a task ({status})").format(
                    address=self.cluster.address, status=remote.status)))
            return
        error = remote.exception()
        if isinstance(error, _distributed().KilledWorker):
            future.set_result(killed_twice(job))
        else:
            future.set_exception(TaskFailed(f"{type(error).__name__}: {error}"))

    def _break(self, reason: str, kind: type[Exception] = BrokenExecutor) -> None:
        """Stop: the futures not resolved yet fail with `kind(reason)`."""
        with self._lock:
            if not self._broken:
                self._broken, self._failure_kind = reason, kind
            self._fail_pending()
            remotes = [entry[0] for entry in self._remote.values()]
        self._done.put(None)
        if remotes:
            try:
                self._client.cancel(remotes)
            except Exception:  # noqa: BLE001, S110  (a lost scheduler has dropped them anyway)
                pass

    def _cancel_pending(self) -> None:
        while self._pending:
            future = self._pending.popleft()[0]
            future.cancel()

    def _fail_pending(self) -> None:
        """Jobs never sent fail as the running ones do: the run reports one reason."""
        while self._pending:
            future = self._pending.popleft()[0]
            if future.set_running_or_notify_cancel():
                future.set_exception(self._failure_kind(self._broken))

    def _close(self) -> None:
        with self._lock:
            self._broken = self._broken or _("the cluster executor stopped")
            self._fail_pending()
            running, self._remote = list(self._remote.values()), {}
            reason, kind = self._broken, self._failure_kind
        for _remote, future, _job in running:
            future.set_exception(kind(reason))


def killed_twice(job: dict) -> dict:
    """The graded error of a submission in flight on two workers that died."""
    exercise = catalog.get(job["exercise"])
    return grading.file_error(exercise, job["label"], _(KILLED_TWICE), job["seed"]).to_dict()


# What follows runs on the workers. A Dask worker process keeps, between tasks, one fork server
# per time budget and what it found about itself (its isolation level is found once, by
# starting a learner process that runs no learner code, as a local run does).

_worker_lock = threading.Lock()
_worker_pools: dict[float, ForkServerExecutor] = {}
_worker_facts: dict[str | None, dict[str, Any]] = {}  # by course key


def grade(job: dict, terms: Terms) -> dict:
    """Run on a Dask worker: grade one job as a local run does, if this worker may."""
    facts = _facts(terms.course_key)
    problem = refusal(facts, terms)
    if problem:
        return {"refused": problem}
    job = {**job, "isolation": facts["level"]}
    pool = _pool(grading.worker_budget(Limits(**job["limits"])))
    try:
        result = pool.submit(run_job, job).result()
    except TaskFailed as failure:
        return {"failed": str(failure), "timed_out": failure.timed_out,
                "detail": failure.detail}
    except BrokenExecutor as error:
        _drop(pool)
        said = i18n.translations(terms.lang).gettext
        return {"failed": said("the worker's grading pool stopped ({error})").format(
            error=error), "timed_out": False, "detail": ""}
    return {"result": result, "worker": facts["address"]}


def report(terms: Terms) -> WorkerReport:
    """Run on a Dask worker: what it is, and why it must not grade for `terms`, if so."""
    facts = _facts(terms.course_key)
    return WorkerReport(facts["address"], facts["threads"], refusal(facts, terms))


def refusal(facts: dict, terms: Terms) -> str:
    """Why the worker these facts describe must not grade for `terms` ("" if it may), in the
    language of the machine that asks (the worker's own language may differ)."""
    _ = i18n.translations(terms.lang).gettext
    worker = facts["address"]
    if facts.get("pool_failure"):
        return _("the worker at {worker} cannot start its grading processes ({failure})").format(
            worker=worker, failure=facts["pool_failure"])
    if facts["version"] != terms.version:
        return _("the worker at {worker} runs nn-grader {theirs} and this machine runs {ours}: "
                 "install nn-grader {ours} on every worker and restart them").format(
            worker=worker, theirs=facts["version"], ours=terms.version)
    if facts.get("course_failure"):
        return _("the worker at {worker} cannot use the course this machine grades, at {path} "
                 "({failure}): put the same course folder at that path on every "
                 "worker").format(worker=worker, path=terms.course_key,
                                  failure=facts["course_failure"])
    if facts["course"] != terms.course:
        changed = sorted(name for name in {*terms.exercises, *facts["exercises"]}
                         if terms.exercises.get(name) != facts["exercises"].get(name))
        return _("the worker at {worker} has other course files than this machine (for "
                 "{exercises}): install the same nn-grader and course on every worker and "
                 "restart them").format(worker=worker,
                                        exercises=i18n.listing(changed, terms.lang))
    if facts["start_failure"]:
        return _("the worker at {worker} cannot start a learner process ({failure})").format(
            worker=worker, failure=facts["start_failure"])
    if facts["unsafe_reason"] and not terms.unsafe_isolation:
        return _("the worker at {worker} would run learner code at the {level!r} isolation "
                 "level, which is not safe for class grading on that machine ({reason}): "
                 "install bubblewrap there (`apt-get install bubblewrap`) so that learner code "
                 "runs sandboxed, or pass --unsafe-isolation to grade anyway (every result and "
                 "report then says UNSAFE)").format(worker=worker, level=facts["level"],
                                                    reason=facts["unsafe_reason"])
    return ""


def _facts(course_key: str | None) -> dict[str, Any]:
    """What this worker found about itself for the course jobs name by `course_key`, kept
    once found. It is found in a fork-server child, where grading runs, rather than in the Dask
    worker's threads: CPython 3.11's ast module breaks when two threads parse at once, and
    Dask's own threads parse too."""
    from distributed import get_worker

    with _worker_lock:
        if course_key in _worker_facts:
            return _worker_facts[course_key]
    worker = get_worker()
    facts: dict[str, Any] = {"address": worker.address, "threads": worker.state.nthreads}
    try:
        facts.update(_pool(grading.worker_budget(Limits())).submit(
            describe_worker, os.environ.get(ENVIRONMENT_KEY) or None, course_key).result())
    except (TaskFailed, BrokenExecutor) as error:
        facts["pool_failure"] = str(error)
        return facts  # not kept: the next task tries again
    with _worker_lock:
        return _worker_facts.setdefault(course_key, facts)


def describe_worker(forced: str | None, course_key: str | None) -> dict:
    """Run in a fork-server child on a worker: its grader version, the course jobs name by
    `course_key` as found there, and the level its learner processes start at (found by
    starting one that runs no learner code, as a local run does)."""
    from grader.boundary import process

    try:
        with catalog.using(catalog.for_job(course_key)):
            exercises = course_digests()
    except (catalog.CourseError, OSError) as error:
        exercises, failure = {}, str(error).splitlines()[0] if str(error) else repr(error)
    else:
        failure = ""
    facts = {"version": grader.__version__, "course": _digest(exercises),
             "exercises": exercises, "course_failure": failure, "level": None,
             "unsafe_reason": "", "start_failure": ""}
    try:
        level = process.working_level(forced)[0]
    except (process.StartFailed, ValueError) as error:
        facts["start_failure"] = str(error)
    else:
        facts.update(level=level.key, unsafe_reason=level.unsafe_reason)
    return facts


def _pool(task_seconds: float) -> ForkServerExecutor:
    from distributed import get_worker

    with _worker_lock:
        pool = _worker_pools.get(task_seconds)
        if pool is None:
            pool = ForkServerExecutor(get_worker().state.nthreads, task_seconds=task_seconds)
            _worker_pools[task_seconds] = pool
        return pool


def _drop(pool: ForkServerExecutor) -> None:
    """Forget a broken fork server: the next task on this worker starts a new one."""
    with _worker_lock:
        for seconds, known in list(_worker_pools.items()):
            if known is pool:
                del _worker_pools[seconds]
    pool.shutdown(wait=False)
