"""The fork server ("zygote"): a trusted process that pays the start-up cost once.

It imports numpy, pytest, the grading plugin and whatever the suites and solutions import, then
forks one child per task. A child calls the task's function (for grading, `executor.run_job`,
which runs `worker.run`: the learner's code still runs only in the sandboxed learner process that
the worker starts) and writes its JSON answer to a pipe of its own. The zygote relays answers to
the batch process over one socket, and it is the outer wall-clock guard: a child that overruns
its budget is killed with SIGKILL, and its learner process dies with it (parent-death signal).

The zygote is single-threaded, so forking it is safe. It never runs learner code and never
unpickles anything: tasks and answers are JSON. When the batch process goes away (even killed),
the socket reaches end-of-file, and the zygote kills its children and exits.
"""

from __future__ import annotations

import ast
import ctypes
import gc
import importlib
import json
import os
import selectors
import shutil
import signal
import socket
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field

from grader.course import catalog

_PR_SET_PDEATHSIG = 1
READ_CHUNK = 1 << 16


@dataclass
class Child:
    task_id: int
    pid: int
    pipe: int
    deadline: float
    seconds: float
    scratch: str
    answer: bytearray = field(default_factory=bytearray)


def main() -> None:
    control = socket.socket(fileno=int(sys.argv[1]))
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    preforked = sys.argv[2] == "preforked"
    preload(catalog.for_job(sys.argv[3] if len(sys.argv) > 3 else None))
    if preforked:
        start_template()
    gc.collect()
    gc.freeze()  # children share these pages instead of copying them on the first refcount
    Zygote(control).serve()


def preload(course: catalog.Course) -> None:
    """Import what every grading run of `course` needs, so each child starts with it in
    memory; the children grade with that course (a job naming it finds it in use)."""
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    from _pytest.config import default_plugins

    import grader.core.plugin  # noqa: F401  (imports pytest, numpy and the trust boundary)
    import grader.core.worker  # noqa: F401

    for name in default_plugins:
        _try_import(f"_pytest.{name}")
    catalog.use(course)
    course.importable()
    for module in _course_imports(course):
        _try_import(module)
    from grader.boundary.launch import make_undumpable

    make_undumpable()


def start_template() -> None:
    """Start the learner template (boundary/template.py) and offer its preforked level to the
    children, if one learner started from it says hello here; otherwise the children start
    fresh learner processes as `grader check` does. Root only: the template builds the walls
    of the `unshare` level, uid switch included, which needs it."""
    if os.getuid() != 0:
        return
    from grader.boundary import process

    try:
        ours = process.spawn_template()
    except OSError:
        return
    process.use_template(ours)
    if _probe_in_child() != 0:
        process.use_template(None)
        ours.close()  # the template sees end-of-file and exits


def _probe_in_child() -> int:
    """Start and stop one learner (no learner code) in a child, whose exit code says whether
    the preforked level was the one that started; the zygote itself starts no learner."""
    pid = os.fork()
    if pid == 0:
        status = 1
        try:
            from grader.boundary import process

            status = 0 if process.working_level(None)[0].preforked else 1
        finally:
            os._exit(status)
    _, wait_status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(wait_status)


def _course_imports(course: catalog.Course) -> list[str]:
    """The modules the suites and solutions import at their top level (without running them)."""
    files = [course.suite_path(name) for name in course.names()]
    files += [course.solution_path(name) for name in course.names()]
    found: list[str] = []
    for path in files:
        try:
            tree = ast.parse(path.read_bytes())
        except (OSError, SyntaxError, ValueError):
            continue
        for node in tree.body:
            if isinstance(node, ast.Import):
                found += [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.append(node.module)
    return sorted(set(found))


def _try_import(name: str) -> None:
    try:
        importlib.import_module(name)
    except Exception:  # noqa: BLE001  (a missing optional module only costs a child the import)
        pass


class Zygote:
    def __init__(self, control: socket.socket) -> None:
        self.control = control
        self.control.setblocking(False)
        self.selector = selectors.DefaultSelector()
        self.selector.register(control, selectors.EVENT_READ)
        self.inbox = bytearray()
        self.outbox = bytearray()
        self.children: dict[int, Child] = {}  # by pipe fd
        self.open = True

    def serve(self) -> None:
        while self.open or self.outbox:
            for key, mask in self.selector.select(self._wait()):
                if key.fileobj is self.control:
                    if mask & selectors.EVENT_READ:
                        self._read_control()
                    if mask & selectors.EVENT_WRITE:
                        self._flush()
                else:
                    self._read_child(self.children[key.fd])
            self._kill_overdue()
            if not self.open:
                break
        self._kill_all()

    def _wait(self) -> float:
        if not self.children:
            return 1.0
        return max(0.0, min(1.0, min(c.deadline for c in self.children.values())
                            - time.monotonic()))

    def _read_control(self) -> None:
        try:
            data = self.control.recv(READ_CHUNK)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            self.open = False
            return
        self.inbox += data
        while (end := self.inbox.find(b"\n")) >= 0:
            line = bytes(self.inbox[:end])
            del self.inbox[:end + 1]
            self._start(json.loads(line))

    def _start(self, task: dict) -> None:
        read_end, write_end = os.pipe()
        zygote = os.getpid()
        # The child's temporary files (the learner's working folder among them) go here, and
        # the folder goes when the child does, even when the child is killed.
        scratch = tempfile.mkdtemp(prefix="nn-grader-task-")
        os.chmod(scratch, 0o711)  # an unprivileged learner uid must reach its folder inside
        try:
            pid = os.fork()
        except OSError as error:  # out of processes or memory: this task fails, not the pool
            os.close(read_end)
            os.close(write_end)
            shutil.rmtree(scratch, ignore_errors=True)
            self.outbox += (json.dumps({"id": task["id"], "error": f"cannot fork ({error})"})
                            + "\n").encode()
            self._flush()
            return
        if pid == 0:
            os.close(read_end)
            os.environ["TMPDIR"] = tempfile.tempdir = scratch
            self._become_child(task, write_end, zygote)
        os.close(write_end)
        os.set_blocking(read_end, False)
        seconds = float(task["seconds"])
        self.children[read_end] = Child(task["id"], pid, read_end,
                                        time.monotonic() + seconds, seconds, scratch)
        self.selector.register(read_end, selectors.EVENT_READ)

    def _become_child(self, task: dict, answer_fd: int, zygote: int) -> None:
        """Run in the forked child: never returns."""
        status = 0
        try:
            self.selector.close()
            self.control.close()
            for fd in self.children:
                os.close(fd)
            _set_parent_death_signal()
            if os.getppid() != zygote:  # the zygote died before the signal was armed
                os._exit(71)
            # SIGPIPE stays ignored, as in any Python process: a learner that closes its
            # end of the channel makes a write fail with EPIPE, which the worker reports;
            # the default action would kill the worker without an answer.
            for number in (signal.SIGINT, signal.SIGCHLD):
                signal.signal(number, signal.SIG_DFL)
            devnull = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(devnull, fd)
            try:
                module, _, name = task["fn"].partition(":")
                function = getattr(importlib.import_module(module), name)
                answer = {"ok": function(*task.get("args", ()), **task.get("kwargs", {}))}
            except BaseException as error:  # noqa: BLE001  (reported to the batch, never lost)
                answer = {"error": f"{type(error).__name__}: {error}",
                          "traceback": traceback.format_exc(limit=20)}
            _write_all(answer_fd, (json.dumps(answer) + "\n").encode())
        except BaseException:  # noqa: BLE001
            status = 70
        os._exit(status)

    def _read_child(self, child: Child) -> None:
        try:
            data = os.read(child.pipe, READ_CHUNK)
        except BlockingIOError:
            return
        if data:
            child.answer += data
            return
        _, wait_status = os.waitpid(child.pid, 0)
        self._finish(child, self._answer(child, wait_status))

    def _answer(self, child: Child, wait_status: int) -> dict:
        code = os.waitstatus_to_exitcode(wait_status)
        if code == 0 and child.answer.endswith(b"\n"):
            try:
                return json.loads(child.answer)
            except ValueError:
                pass
        how = f"signal {-code}" if code < 0 else f"exit code {code}"
        return {"error": f"the grading process ended without an answer ({how})"}

    def _kill_overdue(self) -> None:
        now = time.monotonic()
        for child in [c for c in self.children.values() if c.deadline <= now]:
            _kill(child.pid)
            os.waitpid(child.pid, 0)
            self._finish(child, {"error": f"grading did not finish within {child.seconds:g} s "
                                          "and was stopped", "timeout": True})

    def _finish(self, child: Child, answer: dict) -> None:
        self.selector.unregister(child.pipe)
        os.close(child.pipe)
        shutil.rmtree(child.scratch, ignore_errors=True)
        del self.children[child.pipe]
        self.outbox += (json.dumps({"id": child.task_id, **answer}) + "\n").encode()
        self._flush()

    def _flush(self) -> None:
        try:
            sent = self.control.send(self.outbox)
        except BlockingIOError:
            sent = 0
        except OSError:
            self.open = False
            self.outbox.clear()
            return
        del self.outbox[:sent]
        events = selectors.EVENT_READ | (selectors.EVENT_WRITE if self.outbox else 0)
        self.selector.modify(self.control, events)

    def _kill_all(self) -> None:
        for child in list(self.children.values()):
            _kill(child.pid)
        for child in list(self.children.values()):
            os.waitpid(child.pid, 0)
            os.close(child.pipe)
            shutil.rmtree(child.scratch, ignore_errors=True)
        self.children.clear()


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _set_parent_death_signal() -> None:
    """A child dies with the zygote; its learner process dies with it in turn."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass
