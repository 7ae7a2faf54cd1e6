"""The learner process: imports the submission and answers requests about it, nothing else.

It runs inside whatever sandbox the trusted side could build, with limits it sets on itself before
the learner's code is imported. It never sees the suite, the reference solution or the expected
values; it only calls what it is asked to call and sends back data (see wire.py).
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import io
import json
import linecache
import os
import resource
import signal
import socket
import sys
import traceback
import warnings
from typing import Any

import numpy as np

from grader.boundary import confine, drills, wire

MAX_MESSAGE = 2000
# NumPy's floating-point warnings ("overflow encountered in exp") while answering the grader: its
# inputs provoke them on purpose (softmax's [1000, 1001]), so they are not the learner's output.
_FLOAT_WARNINGS = r"(overflow|underflow|invalid value|divide by zero) encountered"


class _OutputBudget:
    def __init__(self, limit: int) -> None:
        self.remaining = limit


class _CappedWriter(io.RawIOBase):
    """Writes to an inherited fd until the shared budget is spent, then drops output quietly.

    The budget is one byte over what the report keeps, so the trusted side sees that there was
    more and says so. Writes that bypass this (os.write on fd 1) still end at RLIMIT_FSIZE,
    which fails them with EFBIG rather than killing the process (SIGXFSZ is ignored).
    """

    def __init__(self, fd: int, budget: _OutputBudget) -> None:
        super().__init__()
        self._fd = fd
        self._budget = budget

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        size = len(data)
        if self._budget.remaining > 0:
            chunk = bytes(data[: self._budget.remaining])
            self._budget.remaining -= len(chunk)
            try:
                os.write(self._fd, chunk)
            except OSError:
                self._budget.remaining = 0
        return size


def _capped_text(fd: int, budget: _OutputBudget) -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BufferedWriter(_CappedWriter(fd, budget)), encoding="utf-8",
                            errors="backslashreplace", line_buffering=True)


def _set_limits(limits: dict) -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    pairs = {
        resource.RLIMIT_AS: limits.get("memory_bytes"),
        resource.RLIMIT_CPU: limits.get("cpu_seconds"),
        resource.RLIMIT_NOFILE: limits.get("open_files"),
        resource.RLIMIT_FSIZE: limits.get("file_bytes"),
        resource.RLIMIT_CORE: 0,
        resource.RLIMIT_NPROC: limits.get("processes"),
    }
    for which, value in pairs.items():
        if value is not None:
            resource.setrlimit(which, (value, value))


class _Server:
    def __init__(self, sock: socket.socket, label: str, streams) -> None:
        self.sock = sock
        self.label = label
        self.streams = streams
        self.objects: dict[int, Any] = {}
        self.ids: dict[int, int] = {}

    def handle_for(self, obj: Any) -> wire.Handle:
        key = id(obj)
        if key not in self.ids:
            self.ids[key] = len(self.objects)
            self.objects[self.ids[key]] = obj
        try:
            type_name = type(obj).__name__
        except Exception:
            type_name = "object"
        return wire.Handle(self.ids[key], str(type_name), callable(obj))

    def lookup(self, handle: wire.Handle) -> Any:
        return self.objects[handle.id]

    def raised(self, error: BaseException) -> dict:
        frames = [
            [frame.lineno, frame.name, frame.line or ""]
            for frame in traceback.extract_tb(error.__traceback__)
            if frame.filename == self.label
        ]
        try:
            message = str(error)
        except BaseException:
            message = "(the exception's message could not be shown)"
        info = {
            "type": type(error).__name__,
            "message": message[:MAX_MESSAGE],
            "frames": frames[-20:],
            "base": not isinstance(error, Exception),
        }
        if isinstance(error, SyntaxError):
            info.update(line=error.lineno, offset=error.offset, text=(error.text or "")[:500],
                        msg=str(error.msg)[:MAX_MESSAGE])
        return info

    def reply(self, message: dict) -> None:
        for stream in self.streams:
            try:
                stream.flush()
            except BaseException:
                pass
        try:
            wire.send(self.sock, message)
        except wire.Refusal as error:
            wire.send(self.sock, {"unsendable": error.wire(), "n": message.get("n")})

    def answer(self, request: dict) -> dict:
        op = request.get("op")
        target = self.objects[request.get("h", 0)]
        if op == "get":
            name = request["name"]
            if target is self.objects[0] and not hasattr(target, name):
                return {"missing": name, "names": self.public_names(target)}
            return self.ok(getattr(target, name))
        if op == "set":
            setattr(target, request["name"], wire.decode(request["value"], self.lookup))
            return {"ok": None}
        if op == "call":
            args = wire.decode(request["args"], self.lookup)
            kwargs = wire.decode(request["kwargs"], self.lookup)
            return self.ok(target(*args, **kwargs))
        if op == "names":
            return {"ok": self.public_names(target)}
        if op == "seed":
            np.random.seed(int(request["seed"]))
            return {"ok": None}
        if op == "drill":
            drill = drills.DRILLS[request["name"]]
            args = wire.decode(request["args"], self.lookup)
            return self.ok(drill(*args))
        raise ValueError(f"unknown request {op!r}")

    def ok(self, value: Any) -> dict:
        """The reply carrying `value`, or why it cannot be sent (too big, nested too deeply)."""
        try:
            return {"ok": wire.encode(value, self.handle_for)}
        except wire.Refusal as error:
            return {"unsendable": error.wire()}
        except RecursionError:
            return {"unsendable": wire.Refusal(wire.TOO_DEEP).wire()}
        except ValueError as error:
            return {"unsendable": str(error)[:MAX_MESSAGE]}

    @staticmethod
    def public_names(target: Any) -> list[str]:
        return sorted(name for name in dir(target) if not name.startswith("_"))[:500]

    def serve(self) -> None:
        """Answer requests until the trusted side hangs up (or is gone: then quietly)."""
        while True:
            try:
                request = wire.receive(self.sock)
            except (wire.WireError, OSError):
                return
            try:
                with warnings.catch_warnings():
                    warnings.filterwarnings("ignore", _FLOAT_WARNINGS, RuntimeWarning)
                    response = self.answer(request)
            except BaseException as error:  # the learner's code may raise anything at all
                response = {"raised": self.raised(error)}
            try:
                self.reply({**response, "n": request.get("n")})
            except OSError:
                return


def _import(path: str, label: str, module_name: str):
    with open(path, encoding="utf-8") as source_file:
        source = source_file.read()
    # Lines as Python counts them, at newlines only (splitlines() also splits at U+2028, \x0c...,
    # which moved the line a traceback shows).
    linecache.cache[label] = (len(source), None, io.StringIO(source).readlines(), label)
    code = compile(source, label, "exec", dont_inherit=True)
    # An explicit loader: a notebook's module keeps the notebook's name, which has no loader.
    spec = importlib.util.spec_from_file_location(
        module_name, path, loader=importlib.machinery.SourceFileLoader(module_name, path))
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    exec(code, module.__dict__)
    return module


def _confine(config: dict) -> list[str]:
    """Everything this process does to itself before the learner's code runs.

    A step the launch level relies on (its own root filesystem, the uid switch, giving up
    capabilities) raises, so that the level counts as not working here; the seccomp filter is
    reported only if it took, and the level's description says what its absence costs.
    """
    root = config.get("root")
    if root is not None:
        confine.build_root(root["plan"], root["stage"])
    if config.get("scratch_files"):
        confine.limit_scratch(int(config["scratch_files"]))
    if config.get("uid") is not None:
        confine.become(int(config["uid"]))
    else:
        confine.drop_capabilities()
    if root is not None:
        unreadable = [step["target"] for step in root["plan"] if step["kind"] == "ro-bind"
                      and not os.access(step["target"], os.R_OK | os.X_OK)]
        if unreadable:
            raise PermissionError(f"the learner's uid cannot read {unreadable}")
        os.chdir(os.path.dirname(config["path"]))
    if config.get("nanny"):
        # Before the limits: learners that share a uid share its process limit, and one that
        # spent it must not stop another from starting.
        confine.nanny(keep_closed=[config["fd"]])
    _set_limits(config["limits"])
    confine.die_with_parent()
    return [confine.SECCOMP_LAYER] if confine.restrict_syscalls() else []


def main() -> None:
    serve(json.loads(sys.argv[1]))


def serve(config: dict) -> None:
    """Confine this process, import the submission and answer the trusted side until it hangs
    up: in a fresh interpreter (main) or in a child of the learner template (template.py)."""
    sys.dont_write_bytecode = True
    confined = _confine(config)
    sock = socket.socket(fileno=config["fd"])
    budget = _OutputBudget(config["limits"]["output_bytes"] + 1)
    streams = (_capped_text(1, budget), _capped_text(2, budget))
    sys.stdout, sys.stderr = streams
    sys.argv = [config["label"]]
    server = _Server(sock, config["label"], streams)
    server.reply({"hello": True, "confined": confined})
    try:
        module = _import(config["path"], config["label"], config["module"])
    except BaseException as error:  # whatever the import did, it is reported, not raised
        server.reply({"import_error": server.raised(error)})
        return
    server.objects[0] = module
    server.ids[id(module)] = 0
    server.reply({"ready": True, "names": server.public_names(module)})
    server.serve()
