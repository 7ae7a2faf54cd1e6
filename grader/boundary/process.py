"""One learner process: started in the best sandbox that works, asked questions, killed whole."""

from __future__ import annotations

import functools
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from grader.boundary import confine, wire
from grader.boundary.launch import (
    PREFORKED_STANDS_FOR,
    THREADS_LAYER,
    Level,
    Limits,
    candidate_levels,
    learner_env,
    preforked_level,
    python_command,
    sandbox_plan,
)
from grader.i18n import N_, _

HELLO_SECONDS = 15.0
SWEEP_SECONDS = 5.0
_working_levels: dict[str | None, Level] = {}
# The learner template's request socket, where the batch pool started one (use_template).
_template: socket.socket | None = None
_templates: list[subprocess.Popen] = []  # kept, as the templates run until this process ends
# One this process started for jobs that name the preforked level themselves: offered to no
# other job, so that a job asking for another level still gets that level.
_own_template: socket.socket | None = None
_CGROUP_PREFIX = "nn-grader-"


class StartFailed(Exception):
    """No isolation level could start a learner process on this machine."""


class Died(Exception):
    """The learner process ended or broke the protocol; `reason` says how, for the learner."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class LearnerProcess:
    def __init__(self, source: bytes, label: str, limits: Limits, output_fd: int,
                 isolation: str | None = None) -> None:
        self.source = source
        self.label = label
        self.limits = limits
        self.output_fd = output_fd
        self.isolation = isolation
        self.confined: tuple[str, ...] = ()
        self._sequence = 0
        self.popen: subprocess.Popen | None = None
        self.sock: socket.socket | None = None
        self.workdir: Path | None = None
        self.level: Level | None = None
        self.tasks: TaskGroup | None = None

    def start(self) -> None:
        """Start the process at the best known level without waiting for it to answer."""
        known = _working_levels.get(self.isolation)
        if _template is not None and self.isolation in PREFORKED_STANDS_FOR:
            # The template first; the level the job names stays behind it, should it fail.
            fallback = [level for level in candidate_levels(self.isolation)
                        if not level.preforked] if self.isolation != "preforked" else []
            self._levels = [preforked_level(), *fallback]
        else:
            self._levels = [known] if known else candidate_levels(self.isolation)
        # Orphans the learner leaves behind (its children's children) are adopted by this
        # process rather than by init, so that kill() still finds them where no PID namespace
        # does the job.
        confine.become_subreaper()
        self._failures: list[str] = []
        self._output_size = os.fstat(self.output_fd).st_size
        self._spawn_at(self._levels.pop(0))

    def await_hello(self) -> None:
        """Wait for the hello; if this level cannot run here, fall back to the next one."""
        while True:
            try:
                hello = self._expect("hello", time.monotonic() + HELLO_SECONDS)
            except (Died, TimeoutError) as problem:
                self._failures.append(f"{self.level.key}: "
                                      f"{getattr(problem, 'reason', None) or _('no answer')}")
                self.kill()
                os.ftruncate(self.output_fd, self._output_size)
                if not self._levels:
                    raise StartFailed(_("could not start a learner process: {failures}").format(
                        failures="; ".join(self._failures))) from None
                self._spawn_at(self._levels.pop(0))
                continue
            _working_levels[self.isolation] = self.level
            confined = hello.get("confined")
            self.confined = tuple(str(item)[:100] for item in confined[:10]) \
                if isinstance(confined, list) else ()
            if self.tasks is not None:
                self.confined += (THREADS_LAYER.format(n=self.limits.processes),)
            return

    def wait_import(self) -> dict:
        """The import outcome: {"ready": ..., "names": [...]} or {"import_error": {...}}."""
        return self._expect(("ready", "import_error"),
                            time.monotonic() + self.limits.import_seconds)

    def request(self, message: dict, deadline: float) -> dict:
        """Send one request and wait for the reply to it.

        Requests are numbered and replies must carry the same number, so frames the learner's
        code writes into the channel itself cannot pass for later answers: a reply out of turn
        ends the process like any other breach of the protocol.
        """
        self._sequence += 1
        try:
            wire.send(self.sock, {**message, "n": self._sequence})
        except OSError:
            raise Died(self._death()) from None
        reply = self._receive(deadline)
        if reply.get("n") != self._sequence:
            self.kill()
            raise Died(_("it sent a message out of turn (did it write to the grader's "
                         "channel?)"))
        return reply

    def _expect(self, keys, deadline: float) -> dict:
        keys = (keys,) if isinstance(keys, str) else keys
        reply = self._receive(deadline)
        if not any(key in reply for key in keys):
            self.kill()
            raise Died(_("it sent an unexpected message"))
        return reply

    def _receive(self, deadline: float) -> dict:
        try:
            return wire.receive(self.sock, deadline)
        except TimeoutError:
            self.kill()
            raise
        except (wire.PeerClosed, OSError):
            raise Died(self._death()) from None
        except wire.WireError as error:
            self.kill()
            raise Died(_("it sent a message the grader cannot read ({error})").format(
                error=error)) from None

    def _spawn_at(self, level: Level) -> None:
        self.workdir = Path(tempfile.mkdtemp(prefix="nn-grader-learner-"))
        path = self.workdir / self.label
        source_fd = None
        if level.source_from_fd:
            source_fd = os.memfd_create("submission")
            with open(source_fd, "wb", closefd=False) as source:
                source.write(self.source)
            os.lseek(source_fd, 0, os.SEEK_SET)
        else:
            path.write_bytes(self.source)
            if level.uid is not None and not level.builds_root:
                for item in (self.workdir, path):
                    os.chown(item, level.uid, level.uid)
        self.tasks = TaskGroup.create(self.limits.processes)
        ours, theirs = socket.socketpair()
        config = {
            "fd": theirs.fileno(),
            "path": str(path),
            "label": self.label,
            "module": _module_name(self.label),
            "limits": self.limits.for_learner(level.own_uid and self.tasks is None),
            "uid": level.uid,
            "nanny": level.nanny,
            "scratch_files": self.limits.scratch_files if level.own_scratch else None,
        }
        if level.builds_root:
            config["root"] = {"plan": sandbox_plan(self.workdir, self.label,
                                                   self.limits.disk_bytes),
                              "stage": str(self.workdir)}
        if level.preforked:
            self._spawn_preforked(level, config, ours, theirs)
            return
        code = "from grader.boundary.learner import main; main()"
        argv = level.command([*python_command(code), json.dumps(config)], self.workdir,
                             learner_env(self.workdir), source_fd, self.label,
                             self.limits.disk_bytes)
        passed = (theirs.fileno(),) if source_fd is None else (theirs.fileno(), source_fd)
        try:
            self.popen = subprocess.Popen(
                argv, stdin=subprocess.DEVNULL, stdout=self.output_fd, stderr=self.output_fd,
                pass_fds=passed, cwd=self.workdir, env=learner_env(self.workdir),
                start_new_session=True, preexec_fn=self._preexec(level))
        except (OSError, subprocess.SubprocessError) as error:  # the latter: joining the cgroup
            if self.tasks is not None:
                self.tasks.remove()
            raise Died(f"could not be started ({error})") from None
        finally:
            theirs.close()
            if source_fd is not None:
                os.close(source_fd)
        self.sock = ours
        self.level = level

    def _spawn_preforked(self, level: Level, config: dict, ours: socket.socket,
                         theirs: socket.socket) -> None:
        """Ask the learner template for a learner (see template.py) and send it `config`;
        without one, start a template for this process first."""
        global _own_template
        link, link_theirs = socket.socketpair()
        self.sock, self.level = ours, level
        procs = None
        try:
            if _template is None and _own_template is None:
                _own_template = spawn_template()
            requests = _template or _own_template
            fds = [link_theirs.fileno(), theirs.fileno(), self.output_fd]
            if self.tasks is not None:
                # The cgroup goes as a descriptor, not a path: the template forks every later
                # learner from memory that would still hold this learner's cgroup name.
                procs = os.open(os.path.join(self.tasks.path, "cgroup.procs"),
                                os.O_WRONLY | os.O_CLOEXEC)
                fds.append(procs)
            request = b"learner"
            try:
                socket.send_fds(requests, [request], fds)
            except OSError:
                if not _templates:  # the pool's template is gone: the next level serves
                    raise
                # This process's own template is gone (a sweep of its descendants after a
                # learner at the process level kills it too): start another.
                requests.close()
                for gone in _templates:
                    gone.poll()  # reaped
                if requests is _template:
                    use_template(spawn_template())
                    requests = _template
                else:
                    requests = _own_template = spawn_template()
                socket.send_fds(requests, [request], fds)
            link_theirs.close()
            theirs.close()
            link.settimeout(HELLO_SECONDS)
            message, fds, _flags, _address = socket.recv_fds(link, 1024, 1)
            if not message.startswith(b'{"started": true}') or len(fds) != 1:
                for fd in fds:
                    os.close(fd)
                raise OSError("the learner template did not start a learner")
            self.popen = _Forked(fds[0], link)
            wire.send(ours, {**config, "env": learner_env(self.workdir)})
        except (OSError, ValueError):
            # The learner socket's other end is gone: awaiting the hello finds the level
            # not working here, and falls back to the next one.
            link.close()
            link_theirs.close()
            theirs.close()
        finally:
            if procs is not None:
                os.close(procs)

    def _preexec(self, level: Level):
        """What the new process does before it runs the level's command: join its cgroup."""
        before, tasks = level.preexec(), self.tasks

        def run() -> None:
            before()
            if tasks is not None:
                tasks.join()

        return run

    def _death(self) -> str:
        """Why the process stopped answering, in words a learner understands."""
        try:
            code = self.popen.wait(timeout=2) if self.popen else None
        except subprocess.TimeoutExpired:
            code = None
        self.kill()
        if code is None:
            return _("it stopped answering")
        if code < 0 or code > 128:
            number = -code if code < 0 else code - 128
            return _signal_reason(number)
        return _("the process exited with status {code}").format(code=code)

    def kill(self) -> None:
        """End the learner process and everything it started, and remove its working folder."""
        if isinstance(self.popen, _Forked):
            # Its stand-in's death ends the learner, and with it the PID namespace.
            self.popen.kill()
            try:
                self.popen.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
        elif self.popen is not None:
            try:
                os.killpg(self.popen.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            try:
                self.popen.kill()
            except ProcessLookupError:
                pass
            if self.level is not None and not self.level.pid_namespace:
                _sweep(self.popen.pid)
            try:
                self.popen.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
        if self.sock is not None:
            self.sock.close()
        if self.workdir is not None:
            shutil.rmtree(self.workdir, ignore_errors=True)
        if self.tasks is not None:
            self.tasks.remove()
        self.popen = self.sock = self.workdir = self.tasks = None


class _Forked:
    """A learner started by the template, seen through its stand-in: a pidfd (a kill cannot
    reach another process that takes the same pid later) and the link that tells how the
    learner ended. Answers like the part of `subprocess.Popen` LearnerProcess uses."""

    def __init__(self, pidfd: int, link: socket.socket) -> None:
        self.pidfd = pidfd
        self.link = link
        self.code: int | None = None
        self._inbox = b""

    def kill(self) -> None:
        try:
            signal.pidfd_send_signal(self.pidfd, signal.SIGKILL)
        except (ProcessLookupError, OSError):
            pass

    def wait(self, timeout: float | None = None) -> int:
        """The learner's exit code as the stand-in reported it (negative: a signal), or
        -SIGKILL when the stand-in ended without saying (it was killed)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        if self.link.fileno() < 0 and self.code is None:
            self.code = -signal.SIGKILL
        while self.code is None:
            if b"\n" in self._inbox:
                line, _, self._inbox = self._inbox.partition(b"\n")
                try:
                    reported = json.loads(line).get("exit")
                except (ValueError, AttributeError):
                    reported = None
                if type(reported) is int:
                    self.code = reported
                continue
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                raise subprocess.TimeoutExpired("learner", timeout)
            self.link.settimeout(left)
            try:
                data = self.link.recv(4096)
            except TimeoutError:
                raise subprocess.TimeoutExpired("learner", timeout) from None
            except OSError:
                data = b""
            if not data:
                self.code = -signal.SIGKILL
            self._inbox += data
        self.close()
        return self.code

    def close(self) -> None:
        if self.pidfd >= 0:
            os.close(self.pidfd)
            self.pidfd = -1
        self.link.close()


def spawn_template() -> socket.socket:
    """Start a learner template (template.py) with a learner's environment (NumPy reads its
    thread settings when it is imported); the socket that asks it for learners. It dies with
    this process, or when every copy of the socket is closed."""
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    code = "from grader.boundary.template import main; main()"
    try:
        _templates.append(subprocess.Popen(
            [*python_command(code), str(theirs.fileno())], pass_fds=(theirs.fileno(),),
            env=learner_env(Path("/")), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, start_new_session=True))
    except OSError:
        ours.close()
        raise
    finally:
        theirs.close()
    return ours


def use_template(requests: socket.socket | None) -> None:
    """Offer the preforked level (the learner template behind `requests`) to every learner
    process started here from now on; None stops offering it."""
    global _template
    _template = requests


class TaskGroup:
    """A cgroup of the pids controller holding one learner process and its sandbox, with at
    most `limit` processes and threads in it together.

    RLIMIT_NPROC cannot do this: it counts every process of a uid (all learners under uid
    65534 share it), and not at all those whose uid is root outside their namespace (the
    bubblewrap-userns level, or the process level as root), where a thread bomb with small
    stacks could take every process id of the machine. Made only where this process may
    (root, with the pids controller mounted as cgroup v1 or delegated in v2).
    """

    def __init__(self, path: str) -> None:
        self.path = path

    @classmethod
    def create(cls, limit: int) -> TaskGroup | None:
        parent = _pids_parent()
        if parent is None:
            return None
        _remove_orphans(parent)
        path = os.path.join(parent, f"{_CGROUP_PREFIX}{os.getpid()}-{secrets.token_hex(4)}")
        try:
            os.mkdir(path)
            with open(os.path.join(path, "pids.max"), "w") as handle:
                handle.write(str(limit))
        except OSError:
            _rmdir(path)
            return None
        return cls(path)

    def join(self) -> None:
        """Move the calling process in (in the child, before it runs anything)."""
        with open(os.path.join(self.path, "cgroup.procs"), "w") as handle:
            handle.write(str(os.getpid()))

    def remove(self) -> None:
        """Remove the cgroup once its processes are gone (they were killed just before)."""
        deadline = time.monotonic() + SWEEP_SECONDS
        while not _rmdir(self.path) and time.monotonic() < deadline:
            time.sleep(0.01)


def _rmdir(path: str) -> bool:
    try:
        os.rmdir(path)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return True


def _remove_orphans(parent: str) -> None:
    """Remove the cgroups of grading processes that died before they could (killed, say)."""
    try:
        names = os.listdir(parent)
    except OSError:
        return
    for name in names:
        owner = name.removeprefix(_CGROUP_PREFIX).split("-")[0]
        if name.startswith(_CGROUP_PREFIX) and owner.isdigit() and \
                not os.path.exists(f"/proc/{owner}"):
            _rmdir(os.path.join(parent, name))


@functools.cache
def _pids_parent() -> str | None:
    """The folder of this process's own cgroup in the pids controller, if it may make cgroups
    there: in a cgroup v1 pids hierarchy, or in cgroup v2 where pids is enabled for children."""
    try:
        with open("/proc/self/cgroup") as handle:
            own = dict(line.rstrip("\n").split(":", 2)[1:] for line in handle)
        with open("/proc/self/mountinfo") as handle:
            mounts = [line.split() for line in handle]
    except (OSError, ValueError):
        return None
    for fields in mounts:
        kind, options = fields[fields.index("-") + 1], fields[fields.index("-") + 3]
        if kind == "cgroup" and "pids" in options.split(","):
            path = next((value for key, value in own.items() if "pids" in key.split(",")), None)
        elif kind == "cgroup2":
            path = own.get("")
        else:
            continue
        if path is None:
            continue
        folder = os.path.join(fields[4], path.lstrip("/"))
        if kind == "cgroup2" and "pids" not in _read(os.path.join(folder,
                                                                   "cgroup.subtree_control")):
            continue
        if os.path.isdir(folder) and os.access(folder, os.W_OK):
            return folder
    return None


def _read(path: str) -> list[str]:
    try:
        with open(path) as handle:
            return handle.read().split()
    except OSError:
        return []


def working_level(isolation: str | None) -> tuple[Level, tuple[str, ...]]:
    """The level learner processes start at here (the first that works, or the one forced),
    with the layers the learner process adds: one is started and stopped, running no learner
    code. Raises StartFailed if none starts, ValueError if `isolation` names no level."""
    with tempfile.TemporaryFile() as output:
        learner = LearnerProcess(b"", "probe.py", Limits(), output.fileno(), isolation)
        try:
            learner.start()
            learner.await_hello()
            return learner.level, learner.confined
        finally:
            learner.kill()


def _sweep(learner_pid: int) -> None:
    """Kill every descendant of this process: without a PID namespace, that is how a learner's
    grandchildren that left its process group (setsid) are found. Those orphaned on the way
    were adopted by this process (it is a subreaper), so they are still its descendants; this
    process must have no other children while a learner runs."""
    deadline = time.monotonic() + SWEEP_SECONDS
    while time.monotonic() < deadline:
        living = [pid for pid, state in _descendants(os.getpid()) if state != "Z"]
        for pid in living:
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        for pid, _state in _descendants(os.getpid()):
            if pid != learner_pid:
                try:
                    os.waitpid(pid, os.WNOHANG)
                except ChildProcessError:
                    pass
        if not living:
            return
        time.sleep(0.002)


def _descendants(root: int) -> list[tuple[int, str]]:
    """(pid, state) of every process below `root`, read from /proc."""
    children: dict[int, list[tuple[int, str]]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        fields = stat[stat.rindex(b")") + 2:].split()
        children.setdefault(int(fields[1]), []).append((int(entry.name), fields[0].decode()))
    found, stack = [], [root]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child[0])
    return found


def _signal_reason(number: int) -> str:
    reasons = {
        signal.SIGSEGV: N_("it crashed with a segmentation fault"),
        signal.SIGKILL: N_("it was killed (often: it used too much memory or time)"),
        signal.SIGXCPU: N_("it used more CPU time than allowed"),
        signal.SIGXFSZ: N_("it wrote a file larger than allowed"),
        signal.SIGABRT: N_("it aborted"),
        signal.SIGBUS: N_("it crashed (bus error)"),
        signal.SIGFPE: N_("it crashed (floating-point exception)"),
    }
    if number in reasons:
        return _(reasons[number])
    try:
        name = signal.Signals(number).name
    except ValueError:
        name = f"signal {number}"
    return _("it was stopped by {signal}").format(signal=name)


def _module_name(label: str) -> str:
    stem = label.removesuffix(".py")
    return stem if stem.isidentifier() else "submission"
