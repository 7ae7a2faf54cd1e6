"""Grade a class: find the submissions, grade what is new in parallel, write every output.

Order of work, chosen so that nothing is lost:
1. lock OUT (a second run on it is refused) and read results.jsonl;
2. grade each submission whose (content hash, suite version, seed) has no result yet: files
   that cannot be graded at all (empty, binary, too large) at once, the others on the pool;
   every result is appended to results.jsonl the moment it arrives;
3. only when all are in: rewrite results.jsonl (one line per submission) and render the CSVs,
   the reports and the exports from it, each file replaced atomically.
A kill at any point leaves the previous outputs and every result already appended; the next run
grades only the rest. Ctrl-C at any point ends the run with a message that says what is true
then, counted from results.jsonl itself: nothing done yet, how many are graded and saved, or all
graded and the files not all written (exit 130), or everything written (the run is complete).
OUT is written from its own descriptor, never through a link inside it (see files.py).
With `cluster`, step 2 happens on a Dask cluster (cluster.py), reached and checked before
anything is graded; everything else stays here.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import BrokenExecutor, CancelledError, Executor, Future, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from grader import files as grader_files
from grader import i18n
from grader.batch import class_report, classview, gradebook, gradescope, layout, lms, store
from grader.batch import cluster as dask_cluster
from grader.batch.executor import ForkServerExecutor, TaskFailed, Where, default_jobs, run_job
from grader.batch.progressbar import ProgressBar
from grader.batch.roster import Roster
from grader.boundary import process
from grader.boundary.launch import ENVIRONMENT_KEY, Limits
from grader.core import grading
from grader.course import catalog
from grader.i18n import _, counted
from grader.render.text import printable_line
from grader.results import Result, Status


class Interrupted(Exception):
    """Ctrl-C. The message says what was done; `complete` when every file was written before."""

    def __init__(self, message: str, *, complete: bool = False) -> None:
        super().__init__(message)
        self.complete = complete


class TooManyJobs(Exception):
    """--jobs asks for more workers than this machine can use (a usage error)."""


# More workers than this many per CPU cannot grade faster (the work is CPU-bound; a few per CPU
# cover learners who sleep until their time limit), and each can hold a learner's memory: a
# larger --jobs is refused rather than fork thousands of processes.
JOBS_PER_CPU = 8


class PoolFailed(Exception):
    """The worker pool itself broke (a grader failure); what was graded is saved."""


class UnsafeIsolation(Exception):
    """Learner code would run at a level not safe for class grading, and the instructor did
    not accept that (--unsafe-isolation); or NN_GRADER_ISOLATION names no level."""


@dataclass
class Outcome:
    out: Path
    view: classview.ClassView
    graded_now: int
    reused: int
    jobs: int
    seconds: float
    files: dict[str, list[Path]] = field(default_factory=dict)
    cluster: str | None = None  # the Dask scheduler's address, when graded on a cluster
    workers: int = 0  # the cluster's workers when the run started

    @property
    def grader_failures(self) -> list[classview.Problem]:
        return [p for p in self.view.problems if p.kind == "grader failure"]


ExecutorFactory = Callable[[int, float], Executor]


def grade_class(submissions: Path, out: Path, *, exercise: str | None = None,
                jobs: int | None = None, formats: tuple[str, ...] = (), fresh: bool = False,
                seed: int | None = None, limits: Limits | None = None,
                progress: TextIO | None = None,
                executor_factory: ExecutorFactory | None = None,
                unsafe_isolation: bool = False, roster: Roster | None = None,
                cluster: str | None = None) -> Outcome:
    started = time.monotonic()
    limits = limits or Limits()
    most = JOBS_PER_CPU * default_jobs()
    if jobs is not None and jobs > most:
        raise TooManyJobs(counted(
            default_jobs(), "--jobs {jobs:,} is more than this machine can use: it has {n} CPU, "
            "so at most {most} submissions are graded at once ({per} per CPU).",
            "--jobs {jobs:,} is more than this machine can use: it has {n} CPUs, so at most "
            "{most} submissions are graded at once ({per} per CPU).", jobs=jobs, most=most,
            per=JOBS_PER_CPU))
    jobs = jobs or default_jobs()
    found: layout.Discovery | None = None
    pool: dask_cluster.Cluster | None = None
    written = False
    try:
        _refuse_out_holding(submissions, out)
        found = layout.discover(submissions, exercise, exclude=out)
        if not found.submissions:
            raise layout.InputError(_nothing_found(found, exercise))
        outsiders = []
        if roster is not None:
            found, outsiders = roster.split(found)
        if cluster is not None:
            pool = dask_cluster.connect(cluster, unsafe_isolation=unsafe_isolation)
            executor_factory, jobs = pool.executor, pool.threads
        with store.locked(out):
            store.remove_leftover_temporaries(out)
            results = store.Store(out)
            previous = results.load()
            done, todo = _plan(found, {} if fresh else previous, seed)
            bar = ProgressBar(progress if progress is not None else sys.stderr,
                              total=len(found.submissions), done=len(done))
            try:
                workers = _grade(todo, done, results, bar, seed, limits, jobs,
                                 executor_factory or _fork_server, unsafe_isolation,
                                 vet_here=pool is None)
            finally:
                bar.close()
            current = [done[(s.learner, s.exercise)] for s in found.submissions]
            results.rewrite(current)
            view = classview.build(found, current, seed, roster=roster, outsiders=outsiders)
            files = _render(out, view, formats)
            written = True
    except KeyboardInterrupt:
        with _sigint_ignored():
            raise _interrupted(found, out, seed, fresh, written) from None
    finally:
        if pool is not None:
            with _sigint_ignored():
                pool.close()
    return Outcome(out, view, graded_now=len(todo), reused=len(current) - len(todo),
                   jobs=workers, seconds=time.monotonic() - started, files=files,
                   cluster=cluster, workers=len(pool.workers) if pool else 0)


def _refuse_out_holding(submissions: Path, out: Path) -> None:
    """OUT may sit inside the class folder (it is left out of the search), but not hold it:
    the grader replaces and removes what it wrote in OUT (learners/*.html, gradescope/), and
    with SUBMISSIONS there, that would be a learner's own file (a learner named `learners`)."""
    if not submissions.is_dir():
        return
    held, holder = submissions.resolve(), out.resolve()
    if held == holder or holder in held.parents:
        message = _("the class folder {submissions} is the output folder {out}, where the "
                    "grader replaces and removes the files it writes, so it could change the "
                    "submissions. Choose an output folder outside the class folder, such as one "
                    "beside it.") if held == holder else _(
            "the class folder {submissions} is inside the output folder {out}, where the grader "
            "replaces and removes the files it writes, so it could change the submissions. "
            "Choose an output folder outside the class folder, such as one beside it.")
        raise layout.InputError(message.format(submissions=submissions, out=out))


def _interrupted(found: layout.Discovery | None, out: Path, seed: int | None, fresh: bool,
                 written: bool) -> Interrupted:
    """What is true after Ctrl-C, counted from results.jsonl: the submissions the same command
    would not grade again (after --fresh, the command without it)."""
    if found is None or not found.submissions:
        return Interrupted(_("interrupted while looking for the submissions, before anything "
                             "was graded or written; run the same command again to start."))
    total = len(found.submissions)
    if written:
        return Interrupted(_complete(total, out), complete=True)
    try:
        saved = len(_plan(found, store.Store(out).load(), seed)[0])
    except OSError:
        saved = 0
    if saved == total and not fresh:
        return Interrupted(counted(
            total, "interrupted: the submission is graded and saved in results.jsonl, but the "
            "reports were not all written; run the same command again to write them (nothing "
            "is graded again).",
            "interrupted: all {n} submissions are graded and saved in results.jsonl, but the "
            "reports were not all written; run the same command again to write them (nothing "
            "is graded again)."))
    if saved == total:
        return Interrupted(counted(
            total, "interrupted: the submission is graded and saved in results.jsonl, but the "
            "reports were not all written; run the command again without --fresh to write them "
            "(nothing is graded again).",
            "interrupted: all {n} submissions are graded and saved in results.jsonl, but the "
            "reports were not all written; run the command again without --fresh to write them "
            "(nothing is graded again)."))
    if not fresh:
        return Interrupted(counted(
            total - saved, "interrupted: {saved} of {total} submissions are graded and saved in "
            "results.jsonl; run the same command again to grade the last one.",
            "interrupted: {saved} of {total} submissions are graded and saved in results.jsonl; "
            "run the same command again to grade the other {n}.", saved=saved, total=total))
    return Interrupted(counted(
        total - saved, "interrupted: {saved} of {total} submissions are graded and saved in "
        "results.jsonl; run the command again without --fresh to grade the last one.",
        "interrupted: {saved} of {total} submissions are graded and saved in results.jsonl; run "
        "the command again without --fresh to grade the other {n}.", saved=saved, total=total))


def _complete(total: int, out: Path) -> str:
    return counted(total, "interrupted after the run was complete: the submission is graded and "
                   "every file is written in {out}.",
                   "interrupted after the run was complete: all {n} submissions are graded and "
                   "every file is written in {out}.", out=out)


def completed(outcome: Outcome) -> Interrupted:
    """Ctrl-C once `grade_class` has returned: everything is written already."""
    return Interrupted(_complete(outcome.view.submissions, outcome.out), complete=True)


@contextlib.contextmanager
def _sigint_ignored() -> Iterator[None]:
    """A second Ctrl-C while the pool is stopped and the message is worked out would cut them
    short (and end with a traceback instead of the truth)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@dataclass(frozen=True)
class _Task:
    submission: layout.Submission
    sha256: str
    suite_version: str


def _plan(found: layout.Discovery, previous: dict, seed: int | None):
    versions = {name: store.suite_version(name)
                for name in {s.exercise for s in found.submissions}}
    done: dict[tuple[str, str], store.Record] = {}
    todo: list[_Task] = []
    for submission in found.submissions:
        task = _Task(submission, store.content_hash(submission.source),
                     versions[submission.exercise])
        old = previous.get((submission.learner, submission.exercise))
        if old is not None and not old.grader_failure and (
                old.path, old.sha256, old.suite_version, old.seed_requested) == (
                submission.path, task.sha256, task.suite_version, seed):
            done[old.key] = old
        else:
            todo.append(task)
    return done, todo


def _grade(todo: list[_Task], done: dict, results: store.Store, bar: ProgressBar,
           seed: int | None, limits: Limits, jobs: int, factory: ExecutorFactory,
           unsafe_isolation: bool, vet_here: bool) -> int:
    """Grade `todo` into `done` and results.jsonl; returns how many workers were started (on a
    cluster, how many submissions were sent at once)."""
    def keep(task: _Task, result: Result, failure: str | None = None,
             where: Where | None = None) -> None:
        record = store.Record(task.submission.learner, task.submission.exercise,
                              task.submission.path, task.sha256, task.suite_version, seed,
                              result, failure, where and where.cluster, where and where.worker)
        results.append(record)
        done[record.key] = record
        bar.advance(full_marks=result.full_marks, error=result.status is Status.ERROR)

    runnable: list[tuple[_Task, int]] = []
    ungradable: list[tuple[_Task, Result]] = []
    for task in todo:
        job_seed = grading.submission_seed(task.submission.source, task.suite_version) \
            if seed is None else seed
        exercise = catalog.get(task.submission.exercise)
        problem = layout.vet(task.submission)
        if problem is not None:
            ungradable.append((task, grading.file_error(exercise, task.submission.label,
                                                        problem, job_seed)))
        else:
            runnable.append((task, job_seed))
    # Decided before anything is written: a refusal leaves OUT as it was. On a cluster, each
    # worker found and vetted its own level before anything was graded (cluster.py).
    isolation = _isolation(unsafe_isolation) if runnable and vet_here else None
    for task, result in ungradable:
        keep(task, result)
    if not runnable:
        return 0
    workers = min(jobs, len(runnable))
    try:
        executor = factory(workers, grading.worker_budget(limits))
    except OSError as error:
        raise PoolFailed(_("the grading pool could not start ({error})").format(
            error=error)) from None
    try:
        futures: dict[Future, tuple[_Task, int]] = {}
        for task, job_seed in runnable:
            job = grading.make_job(task.submission.source, task.submission.label,
                                   catalog.get(task.submission.exercise), job_seed, limits)
            job["isolation"] = isolation  # never a weaker level than the one vetted here
            futures[executor.submit(run_job, job)] = (task, job_seed)
        for future in as_completed(futures):
            task, job_seed = futures[future]
            try:
                keep(task, Result.from_dict(future.result()), where=getattr(future, "where", None))
            except TaskFailed as failure:
                keep(task, _failed(task, job_seed, str(failure)), str(failure))
            except (BrokenExecutor, CancelledError) as error:
                raise PoolFailed(_("the grading pool stopped: {error}").format(
                    error=error)) from None
    except BaseException:
        with _sigint_ignored():
            _stop(executor)
        raise
    executor.shutdown()
    return workers


def _isolation(unsafe_isolation: bool) -> str:
    """The key of the level every learner process of this run starts at: the first that works
    here (or the one NN_GRADER_ISOLATION forces), refused if it is not safe for class grading
    unless the instructor said so."""
    forced = os.environ.get(ENVIRONMENT_KEY) or None
    try:
        level = process.working_level(forced)[0]
    except ValueError as error:
        raise UnsafeIsolation(str(error)) from None
    except process.StartFailed as error:
        raise PoolFailed(str(error)) from None
    if not level.safe and not unsafe_isolation:
        raise UnsafeIsolation(_(
            "learner code would run at the {level!r} isolation level, which is not safe for "
            "class grading on this machine: {reason}. Install bubblewrap (`apt-get install "
            "bubblewrap`) so that learner code runs sandboxed, or pass --unsafe-isolation to "
            "grade anyway (every result and report then says UNSAFE).").format(
                level=level.key, reason=level.why_unsafe()))
    return level.key


def _fork_server(jobs: int, task_seconds: float) -> Executor:
    return ForkServerExecutor(jobs, task_seconds=task_seconds)


def _stop(executor: Executor) -> None:
    terminate = getattr(executor, "terminate", None)
    if terminate is not None:
        terminate()
    else:
        executor.shutdown(wait=False, cancel_futures=True)


def _failed(task: _Task, seed: int, failure: str) -> Result:
    message = _("The grader failed on this file ({failure}). This is not your fault; your "
                "instructor has been told, and the file will be graded again.").format(
                    failure=failure)
    return grading.file_error(catalog.get(task.submission.exercise), task.submission.label,
                              message, seed)


def _render(out: Path, view: classview.ClassView, formats: tuple[str, ...]) -> dict:
    files = {"gradebook": gradebook.write(out, view)}
    files.update(class_report.write(out, view))
    if "gradescope" in formats:
        files["gradescope"] = gradescope.write(out, view)
    files.update(lms.write(out, view, formats))
    for name, file in lms.FILES.items():
        if name not in formats:
            _remove_file(out, file)
    _remove_stale(out, class_report.LEARNERS, {path.name for path in files["learners"]},
                  exports=False)
    _remove_stale(out, gradescope.FOLDER,
                  {path.parent.name for path in files.get("gradescope", [])}, exports=True)
    return files


def _remove_stale(out: Path, folder: str, keep: set[str], *, exports: bool) -> None:
    """Pages of learners who are no longer in SUBMISSIONS: OUT mirrors the input. Only what
    the grader writes is removed (`<slug>.html`, or an export's `<slug>/results.json`), never
    through a link."""
    try:
        fd = grader_files.open_folder(out, (folder,), create=False)
    except FileNotFoundError:
        return
    try:
        with os.scandir(fd) as listing:
            entries = [entry for entry in listing if entry.name not in keep]
        for entry in entries:
            if exports and entry.is_dir(follow_symlinks=False):
                _remove_export(fd, entry.name)
            elif not exports and entry.is_file(follow_symlinks=False) \
                    and entry.name.endswith(".html"):
                os.unlink(entry.name, dir_fd=fd)
    finally:
        os.close(fd)


def _remove_file(out: Path, name: str) -> None:
    """An export of an earlier run that this one was not asked for: its grades would be stale.
    Only a file or a link of that name is removed (a link is never followed)."""
    fd = grader_files.open_folder(out, create=False)
    try:
        mode = os.stat(name, dir_fd=fd, follow_symlinks=False).st_mode
        if stat.S_ISREG(mode) or stat.S_ISLNK(mode):
            os.unlink(name, dir_fd=fd)
    except FileNotFoundError:
        pass
    finally:
        os.close(fd)


def _remove_export(folder: int, name: str) -> None:
    inner = os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC,
                    dir_fd=folder)
    try:
        with contextlib.suppress(FileNotFoundError):
            os.unlink("results.json", dir_fd=inner)  # a link is removed, never followed
        if not os.listdir(inner):
            os.rmdir(name, dir_fd=folder)
    finally:
        os.close(inner)


def _nothing_found(found: layout.Discovery, exercise: str | None) -> str:
    lines = [_("No submissions found in {path} (looked for {layout}).").format(
        path=found.root, layout=_(found.layout))]
    if exercise is None:
        lines.append(_("Expected SUBMISSIONS/<learner>/<exercise>.py with exercise names from: "
                       "{names}; for SUBMISSIONS/<learner>.py add --exercise NAME.").format(
                           names=i18n.listing(catalog.names())))
    else:
        lines.append(_("Expected SUBMISSIONS/<learner>.py or SUBMISSIONS/<learner>/{exercise}.py."
                       ).format(exercise=exercise))
    if found.skipped:
        lines.append(counted(len(found.skipped), "{n} file was skipped:",
                             "{n} files were skipped, for example:"))
        lines += [printable_line(f"  {s.path}: {s.reason}") for s in found.skipped[:5]]
    return "\n".join(lines)
