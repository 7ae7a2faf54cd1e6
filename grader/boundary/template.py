"""The learner template: a trusted process that has imported NumPy and forks one learner per
submission, so that no learner pays for starting Python and importing NumPy again.

It is the `preforked` isolation level (launch.py), offered by the batch pool only: the zygote
starts one template, as root, with a learner's environment, and nothing of any learner ever
enters it. A grading process asks it for a learner over a socket all grading processes share,
with one datagram that carries no data of the learner's, not even a name: three fds (a private
link to the grading process, the learner's end of the learner socket, the output file) and a
fourth, the learner's pids cgroup opened for writing, where there is one. (A path would stay in
the template's memory, where every later learner could read which learners came before it.)
The template forks:

- the stand-in, S: joins that cgroup, starts a session of its own, enters new mount, PID,
  network, IPC, UTS and cgroup namespaces and forks L; it tells the grading process its pid
  over the link, and later how L ended; it ends when the link closes (the grading process is
  done, or gone), and L with it (parent-death signal), and L's end ends every process of the
  PID namespace. It does not die with the template: a template that dies mid-run would take
  every learner in flight with it, and their next test would fail as if their code had crashed;
- the learner, L, the first process of the new PID namespace: it mounts that namespace's /proc,
  reads its configuration from the grading process over the learner socket, keeps no fd but
  that socket and the output file, takes the learner's environment and default signal handlers,
  draws a fresh NumPy random state, and then confines itself exactly as the `unshare` level's
  fresh interpreter does (learner.serve: its own root filesystem with only this submission's
  file, capped scratch space, uid 65534 with no capabilities, a stand-in parent, rlimits,
  parent-death signal, the seccomp filter with no-new-privileges) before it reads the
  learner's code.

What a fresh interpreter would not share with other learners and L does: the template's
imported modules (code only, the same for every learner and for any fresh interpreter) and the
hash seed of str and bytes (learners' hashes are alike; the grading process hashes with its
own). Python's `random` is reseeded at every fork by Python itself.
"""

from __future__ import annotations

import array
import fcntl
import json
import os
import select
import signal
import socket
import sys
import traceback

from grader.boundary import confine, learner

CLONE_NEWNS, CLONE_NEWCGROUP, CLONE_NEWUTS = 0x00020000, 0x02000000, 0x04000000
CLONE_NEWIPC, CLONE_NEWPID, CLONE_NEWNET = 0x08000000, 0x20000000, 0x40000000
NAMESPACES = CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWPID \
    | CLONE_NEWNET
REQUEST_BYTES = 64  # a request's data says nothing (its fds are the request); only not empty
LEARNER_FD = 3  # the learner socket's number in L
_SIGNALS = [number for number in signal.valid_signals()
            if number not in (signal.SIGKILL, signal.SIGSTOP)]
_INHERITED_IGNORED: set[int] = set()


def main() -> None:
    """Serve requests on the inherited socket (argv[1]) until every grading process and the
    zygote have closed theirs."""
    requests = socket.socket(fileno=int(sys.argv[1]))
    # What a fresh learner would inherit from the grading process: signals it ignores.
    _INHERITED_IGNORED.update(number for number in _SIGNALS
                              if signal.getsignal(number) is signal.SIG_IGN)
    confine.die_with_parent()
    confine.make_undumpable()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # stand-ins are reaped by the kernel
    import gc

    import numpy.random  # noqa: F401  (NumPy loads it on first use: each learner uses it)

    gc.collect()
    gc.freeze()
    if len(os.listdir("/proc/self/task")) != 1:
        # A thread (a BLAS pool started despite the learner's thread settings) would be
        # forked half-copied, holding whatever lock it held: no learner starts from here.
        return
    while True:
        try:
            data, fds = _receive(requests)
        except OSError:
            return
        if not data:
            return
        if len(fds) not in (3, 4):
            _close(fds)
            continue
        try:
            pid = os.fork()
        except OSError:
            _close(fds)  # the grading process sees its link close: the level did not start
            continue
        if pid == 0:
            _stand_in(requests, fds)
        _close(fds)


def _receive(requests: socket.socket) -> tuple[bytes, list[int]]:
    fds = array.array("i")
    data, ancillary, _flags, _address = requests.recvmsg(
        REQUEST_BYTES, socket.CMSG_SPACE(4 * fds.itemsize))
    for level, kind, payload in ancillary:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            fds.frombytes(payload[:len(payload) - len(payload) % fds.itemsize])
    return data, list(fds)


def _close(fds) -> None:
    for fd in fds:
        try:
            os.close(fd)
        except OSError:
            pass


def _stand_in(requests: socket.socket, fds: list[int]) -> None:
    """S: never returns. It hands the grading process a pidfd of itself, so that a kill can
    never reach another process that later takes the same pid."""
    status = 70
    try:
        link, learner_end, output, *procs = fds
        requests.close()
        for number in _SIGNALS:
            _default(number, signal.SIG_IGN if number in _INHERITED_IGNORED else signal.SIG_DFL)
        os.setsid()
        for cgroup in procs:
            os.write(cgroup, str(os.getpid()).encode())
        _close(procs)
        me = os.pidfd_open(os.getpid())
        socket.send_fds(socket.socket(fileno=os.dup(link)), [b'{"started": true}\n'], [me])
        os.close(me)
        confine.unshare(NAMESPACES)
        alive_read, alive_write = os.pipe()
        child = os.fork()
        if child == 0:
            os.close(link)
            os.close(alive_write)
            _learner(learner_end, output, alive_read)
        os.close(alive_read)
        _close([learner_end, output])
        status = _watch(link, child)
    except BaseException:  # noqa: BLE001  (a stand-in that fails ends; the link says so)
        pass
    os._exit(status)


def _watch(link: int, child: int) -> int:
    """Wait until L ends (tell the grading process how) or the link closes (then end, and L
    with this process)."""
    pidfd = os.pidfd_open(child)
    while True:
        ready, _, _ = select.select([link, pidfd], [], [])
        if pidfd in ready:
            _, wait_status = os.waitpid(child, 0)
            code = os.waitstatus_to_exitcode(wait_status)
            try:
                os.write(link, (json.dumps({"exit": code}) + "\n").encode())
            except OSError:
                pass
            return 0
        if not os.read(link, 64):
            return 0


def _learner(learner_end: int, output: int, alive: int) -> None:
    """L: never returns. `alive` reaches end-of-file once the stand-in is gone (its parent is
    outside this PID namespace, so getppid() cannot tell)."""
    status = 0
    try:
        confine.die_with_parent()
        os.set_blocking(alive, False)
        try:
            if not os.read(alive, 1):  # the stand-in died before the signal was armed
                os._exit(71)
        except BlockingIOError:
            pass
        # Out of the way first: either may hold a number the other is moved to.
        learner_end = fcntl.fcntl(learner_end, fcntl.F_DUPFD, 100)
        output = fcntl.fcntl(output, fcntl.F_DUPFD, 100)
        os.dup2(learner_end, LEARNER_FD, inheritable=False)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(output, 1)
        os.dup2(output, 2)
        os.closerange(LEARNER_FD + 1, 1 << 20)
        confine.mount_own_proc()
        sock = socket.socket(fileno=LEARNER_FD)
        config = learner.wire.receive(sock)
        sock.detach()
        config["fd"] = LEARNER_FD
        os.environ.clear()
        os.environ.update(config.pop("env"))
        sys.argv = ["-c"]
        learner.np.random.seed()
        _default(signal.SIGINT, signal.default_int_handler)
        _default(signal.SIGPIPE, signal.SIG_IGN)
        os.chdir(os.path.dirname(config["path"]))
        learner.serve(config)
        sys.stdout.flush()
    except BaseException:  # noqa: BLE001  (the grading process sees the channel close)
        # As a fresh interpreter would, on its stderr (the output file, emptied by the
        # grading process when the level counts as not working here).
        traceback.print_exc()
        status = 1
    os._exit(status)


def _default(number: int, handler=signal.SIG_DFL) -> None:
    try:
        signal.signal(number, handler)
    except (OSError, ValueError):
        pass
