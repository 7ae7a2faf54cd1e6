"""The worker pool behind a `concurrent.futures.Executor` seam.

The batch only calls `executor.submit(run_job, job)` and reads `future.result()` (a result
dict), so any Executor whose workers are separate processes can take this one's place: a
`ProcessPoolExecutor(max_tasks_per_child=1)`, or a distributed one (cluster.py), whose futures
also say where their task ran (`future.where`, a `Where`). `ForkServerExecutor` is the
fast local one: a preloaded zygote (see zygote.py) forks one child per task, so no task pays for
starting Python and importing numpy and pytest again.

Tasks cross to the zygote as JSON, so a task is a module-level function named by
`module:qualname`, with JSON arguments and a JSON return value.
"""

from __future__ import annotations

import collections
import json
import os
import selectors
import socket
import subprocess
import threading
import time
from concurrent.futures import BrokenExecutor, Executor, Future
from dataclasses import dataclass
from typing import Any

from grader.boundary.launch import python_command
from grader.core import grading
from grader.course import catalog

START_SECONDS = 30.0
PREFORKED_KEY = "NN_GRADER_PREFORKED"


class TaskFailed(Exception):
    """The task raised, or its process died, in the worker; `timed_out` when the guard fired."""

    def __init__(self, message: str, *, timed_out: bool = False, detail: str = "") -> None:
        super().__init__(message)
        self.timed_out = timed_out
        self.detail = detail


@dataclass(frozen=True)
class Where:
    """A task that ran on another machine: the Dask scheduler's address and the worker's."""

    cluster: str
    worker: str


def run_job(job: dict) -> dict:
    """Grade one vetted submission in this (worker) process; the result as a dict."""
    from grader.core import worker

    return worker.run(job).to_dict()


def preforked_wanted(preforked: bool | None) -> bool:
    """Whether the pool offers its children the learner template (see zygote.start_template):
    yes unless told otherwise, or unless NN_GRADER_PREFORKED=0 asks for the old path (a fresh
    interpreter per learner)."""
    if preforked is not None:
        return preforked
    return os.environ.get(PREFORKED_KEY, "1") != "0"


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


class ForkServerExecutor(Executor):
    """Runs each task in a child forked from a preloaded zygote, at most `max_workers` at once.

    `task_seconds` is the outer wall-clock guard of every task: past it the child is killed and
    the future fails with `TaskFailed(timed_out=True)`. The zygote preloads the course in use
    here when the pool starts, the one the jobs made here name.
    """

    def __init__(self, max_workers: int | None = None, *, task_seconds: float = 600.0,
                 preforked: bool | None = None) -> None:
        self.max_workers = max_workers or default_jobs()
        self.task_seconds = task_seconds
        self._lock = threading.Lock()
        self._pending: collections.deque[tuple[int, Future, bytes]] = collections.deque()
        self._running: dict[int, Future] = {}
        self._sent_at: dict[int, float] = {}
        self._next_id = 0
        self._shutdown = False
        self._broken: str | None = None
        self._wake_read, self._wake_write = socket.socketpair()
        self._wake_write.setblocking(False)
        ours, theirs = socket.socketpair()
        code = "from grader.batch.zygote import main; main()"
        course = catalog.active().job_key()
        self._zygote = subprocess.Popen(
            [*python_command(code), str(theirs.fileno()),
             "preforked" if preforked_wanted(preforked) else "fresh",
             *([course] if course else [])],
            pass_fds=(theirs.fileno(),),
            stdin=subprocess.DEVNULL, env=grading.worker_env(), start_new_session=True)
        theirs.close()
        self._control = ours
        self._thread = threading.Thread(target=self._dispatch, name="fork-server", daemon=True)
        self._thread.start()

    def submit(self, fn, /, *args: Any, **kwargs: Any) -> Future:
        name = f"{fn.__module__}:{fn.__qualname__}"
        if "." in fn.__qualname__ or "<" in name:
            raise TypeError(f"{name} is not a module-level function; the zygote cannot find it")
        message = {"fn": name, "args": list(args), "kwargs": kwargs,
                   "seconds": self.task_seconds}
        with self._lock:
            if self._broken:
                raise BrokenExecutor(self._broken)
            if self._shutdown:
                raise RuntimeError("cannot submit after shutdown")
            task_id, self._next_id = self._next_id, self._next_id + 1
            future: Future = Future()
            line = (json.dumps({"id": task_id, **message}) + "\n").encode()
            self._pending.append((task_id, future, line))
        self._wake()
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        with self._lock:
            self._shutdown = True
            if cancel_futures:
                self._cancel_pending()
        self._wake()
        if wait:
            self._thread.join()

    def terminate(self) -> None:
        """Stop now: cancel what has not started and kill what is running (used on Ctrl-C)."""
        with self._lock:
            self._shutdown = True
            self._cancel_pending()
            self._broken = self._broken or "the pool was terminated"
        self._wake()
        self._thread.join()

    # The dispatcher thread owns the socket: it sends tasks and resolves futures.

    def _dispatch(self) -> None:
        selector = selectors.DefaultSelector()
        selector.register(self._control, selectors.EVENT_READ)
        selector.register(self._wake_read, selectors.EVENT_READ)
        inbox = bytearray()
        try:
            while True:
                with self._lock:
                    if self._broken or (self._shutdown and not self._pending
                                        and not self._running):
                        break
                    to_send = self._take_ready()
                for task_id, line in to_send:
                    self._control.sendall(line)
                    self._sent_at[task_id] = time.monotonic()
                for key, _ in selector.select(timeout=5.0):
                    if key.fileobj is self._wake_read:
                        self._wake_read.recv(4096)
                    elif not self._receive(inbox):
                        self._break("the grading pool stopped unexpectedly")
                if self._sent_at and time.monotonic() - min(self._sent_at.values()) > \
                        self.task_seconds + START_SECONDS:  # the zygote's own guard failed
                    self._break("the grading pool stopped answering")
        except OSError as error:
            self._break(f"the grading pool stopped unexpectedly ({error})")
        finally:
            selector.close()
            self._close()

    def _take_ready(self) -> list[tuple[int, bytes]]:
        ready = []
        while self._pending and len(self._running) < self.max_workers:
            task_id, future, line = self._pending.popleft()
            if future.set_running_or_notify_cancel():
                self._running[task_id] = future
                ready.append((task_id, line))
        return ready

    def _receive(self, inbox: bytearray) -> bool:
        data = self._control.recv(1 << 16)
        if not data:
            return False
        inbox += data
        while (end := inbox.find(b"\n")) >= 0:
            answer = json.loads(bytes(inbox[:end]))
            del inbox[:end + 1]
            with self._lock:
                future = self._running.pop(answer["id"])
            self._sent_at.pop(answer["id"], None)
            if "ok" in answer:
                future.set_result(answer["ok"])
            else:
                future.set_exception(TaskFailed(answer.get("error", "unknown failure"),
                                                timed_out=bool(answer.get("timeout")),
                                                detail=answer.get("traceback", "")))
        return True

    def _break(self, reason: str) -> None:
        with self._lock:
            self._broken = self._broken or reason
            self._cancel_pending()

    def _cancel_pending(self) -> None:
        while self._pending:
            _, future, _ = self._pending.popleft()
            future.cancel()

    def _close(self) -> None:
        """Closing the socket tells the zygote to kill its children and exit."""
        self._control.close()
        try:
            self._zygote.wait(timeout=START_SECONDS)
        except subprocess.TimeoutExpired:
            self._zygote.kill()
            self._zygote.wait()
        with self._lock:
            running, self._running = list(self._running.values()), {}
            reason = self._broken or "the grading pool stopped"
        for future in running:
            future.set_exception(BrokenExecutor(reason))
        self._wake_read.close()
        self._wake_write.close()

    def _wake(self) -> None:
        try:
            self._wake_write.send(b"x")
        except OSError:  # full (a wake-up is pending anyway) or closed (the pool has stopped)
            pass
