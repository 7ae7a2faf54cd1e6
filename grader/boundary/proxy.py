"""The suite's view of the learner's module: a proxy that forwards every use to the learner process.

`submission.softmax([1, 2])` looks like a local call, but the arguments are sent to the learner
process, the function runs there, and only the returned data comes back. A crash or hang costs
the current test: the process is killed whole and a fresh one serves the next test.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from grader import feedback
from grader.boundary import wire
from grader.boundary.launch import Limits
from grader.boundary.process import Died, LearnerProcess, StartFailed
from grader.i18n import _

if TYPE_CHECKING:
    from grader.core.notebooks import Cells

# A function that already hung once gets this long on later calls, so that one endless loop
# costs the learner one full test limit, not one per test.
RETRY_SECONDS = 1.0


class Session:
    """One submission's learner process over the whole run, restarted after a crash or hang."""

    def __init__(self, source: bytes, label: str, limits: Limits, output_fd: int,
                 isolation: str | None = None, callables: frozenset[str] = frozenset(),
                 cells: Cells | None = None) -> None:
        self.label = label
        self.cells = cells  # a notebook's: errors then point at "cell 4, line 2"
        self.limits = limits
        self.callables = callables
        self.process = LearnerProcess(source, label, limits, output_fd, isolation)
        self.generation = 0
        self.started_at = time.monotonic()
        self.submission_deadline = self.started_at + limits.submission_seconds
        self.test_deadline = self.submission_deadline
        self.test_seconds = limits.test_seconds
        self.import_problem: feedback.LearnerProblem | None = None
        self.start_failure: StartFailed | None = None
        self.hung: set[str] = set()
        self._alive = False
        self._ready = False

    @property
    def isolation(self) -> str:
        level = self.process.level
        return level.describe(self.process.confined) if level else ""

    def spawn(self) -> None:
        self.process.start()
        self._alive = True
        self._ready = False

    def start_test(self, seconds: float) -> None:
        self.test_seconds = seconds
        self.test_deadline = min(time.monotonic() + seconds, self.submission_deadline)

    def module(self) -> Remote:
        self._ensure_ready()
        return Remote(self, 0, self.generation, "module", False)

    def seed_numpy(self, seed: int) -> None:
        """Seed the learner process's global NumPy random state, as the course's code expects."""
        self.request({"op": "seed", "seed": seed}, "np.random.seed")

    def drill(self, name: str, *args: Any) -> Any:
        """Run the loop `drills.DRILLS[name]` in the learner process on `args` (proxies allowed)."""
        return self.request({"op": "drill", "name": name,
                             "args": wire.encode(list(args), _handle_of)}, name, key=name)

    def request(self, message: dict, what: str | Callable[[], str], key: str | None = None) -> Any:
        """Ask the learner process; `what` names the request for messages (a function, if
        describing it costs something: most requests succeed and never need the words), and
        `key` names the function called, to remember which ones hang."""
        call = _Lazy(what)
        self._ensure_ready()
        deadline = self.test_deadline
        retried = key is not None and key in self.hung
        if retried:
            deadline = min(deadline, time.monotonic() + RETRY_SECONDS)
        try:
            reply = self.process.request(message, deadline)
        except TimeoutError:
            self._lost()
            if key is not None:
                self.hung.add(key)
            raise self._timeout(call, retried) from None
        except Died as died:
            self._lost()
            raise feedback.Crashed(_("Your code crashed during {call}: {reason}.").format(
                call=call, reason=died.reason)) from None
        return self._answer(reply, message, call, deadline)

    def _answer(self, reply: dict, message: dict, call: _Lazy, deadline: float) -> Any:
        """The value a reply carries, or the learner's problem it reports.

        Every part of a reply comes from the learner process, which may have forged it: each is
        checked and cut to size before it is used, and the data is decoded within the test's
        deadline. A "missing" reply names the name that was asked for, not the one it carries.
        """
        if "missing" in reply and message.get("op") == "get":
            raise feedback.MissingName(str(message["name"]), _names(reply.get("names")))
        if "unsendable" in reply:
            raise feedback.Crashed(_("{call} returned a value the grader cannot receive: "
                                     "{reason}.").format(
                                         call=call,
                                         reason=wire.refusal_text(reply["unsendable"], _)))
        if "raised" in reply:
            info = feedback.locate(_exception_info(reply["raised"]), self.cells)
            raise feedback.raised_problem(info, str(call))
        if "ok" not in reply:
            raise feedback.Crashed(_("Your code sent back a reply the grader cannot read "
                                     "during {call}.").format(call=call))
        try:
            return wire.decode(reply["ok"], self._proxy, deadline)
        except wire.TooSlow:
            raise feedback.TimedOut(_(
                "{call} returned a value so large that reading it took longer than the time "
                "limit of {seconds} s.").format(call=call, seconds=f"{self.test_seconds:g}")) \
                from None
        except wire.WireError as error:
            raise feedback.Crashed(_("{call} returned a value the grader cannot read: "
                                     "{reason}.").format(call=call, reason=error)) from None

    def _timeout(self, call: _Lazy, retried: bool) -> feedback.TimedOut:
        if retried:
            return feedback.TimedOut(_(
                "{call} was stopped after {retry} s: it already ran past the time limit in an "
                "earlier test, so the grader did not wait the full {seconds} s again. Look for "
                "a loop that never ends.").format(call=call, retry=f"{RETRY_SECONDS:g}",
                                                   seconds=f"{self.test_seconds:g}"))
        if time.monotonic() >= self.submission_deadline - 0.01:
            return feedback.TimedOut(_(
                "{call} was stopped: your submission used up its whole time limit of {seconds} "
                "s. Look for a loop that never ends.").format(
                    call=call, seconds=f"{self.limits.submission_seconds:g}"))
        return feedback.TimedOut(_(feedback.TOOK_LONGER).format(
            call=call, seconds=f"{self.test_seconds:g}"))

    def _ensure_ready(self) -> None:
        if self.import_problem is not None:
            raise self.import_problem
        if time.monotonic() >= self.submission_deadline:
            raise feedback.TimedOut(_(
                "Not run: your submission used up its whole time limit of {seconds} s in "
                "earlier tests.").format(seconds=f"{self.limits.submission_seconds:g}"))
        if self.start_failure is not None:
            raise self.start_failure
        if not self._alive:
            self.spawn()
        if not self._ready:
            try:
                self.process.await_hello()
            except StartFailed as failure:  # a grader failure: every later test says the same
                self.start_failure = failure
                raise
            self._await_import()
            # Starting afresh after a crash is the grader's time, not the learner's.
            self.test_deadline = min(time.monotonic() + self.test_seconds,
                                     self.submission_deadline)

    def _await_import(self) -> None:
        try:
            outcome = self.process.wait_import()
        except TimeoutError:
            self._lost()
            self.import_problem = feedback.ImportFailed(_(
                "Importing {file} took longer than {seconds} s. Is there an endless loop, or a "
                "long computation, at the top level of your file? Put it under "
                "`if __name__ == \"__main__\":`.").format(
                    file=self.label, seconds=f"{self.limits.import_seconds:g}"))
            raise self.import_problem from None
        except Died as died:
            self._lost()
            self.import_problem = feedback.ImportFailed(_(
                "Python stopped while importing {file}: {reason}. Nothing could be "
                "graded.").format(file=self.label, reason=died.reason))
            raise self.import_problem from None
        if "import_error" in outcome:
            info = feedback.locate(_exception_info(outcome["import_error"]), self.cells)
            self._lost()
            self.import_problem = feedback.ImportFailed(feedback.import_failure(info, self.label))
            raise self.import_problem
        self._ready = True

    def _lost(self) -> None:
        self.process.kill()
        self._alive = False
        self._ready = False
        self.generation += 1

    def _proxy(self, handle: wire.Handle) -> Remote:
        return Remote(self, handle.id, self.generation, handle.type_name, handle.callable)

    def close(self) -> None:
        self.process.kill()
        self._alive = False


class _Lazy:
    """A description computed the first time it is shown."""

    def __init__(self, what: str | Callable[[], str]) -> None:
        self._what = what

    def __str__(self) -> str:
        if callable(self._what):
            self._what = self._what()
        return self._what

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def _exception_info(info: Any) -> dict:
    """An exception as the learner process described it, cut to sizes a report can show: the
    learner process trims its own, but a forged one could carry megabytes, or lists where
    strings belong."""
    if not isinstance(info, dict):
        return {}
    frames = info.get("frames")
    frames = [[_text(part, 300) for part in frame] for frame in frames[-20:]
              if isinstance(frame, list) and len(frame) == 3] if isinstance(frames, list) else []
    cleaned = {"type": _text(info.get("type"), 100) or "Exception",
               "message": _text(info.get("message"), 2000), "frames": frames,
               "base": info.get("base") is True}
    for key in ("text", "msg"):
        if isinstance(info.get(key), str):
            cleaned[key] = _text(info[key], 2000)
    if type(info.get("line")) is int and 0 <= info["line"] < 10**9:
        cleaned["line"] = info["line"]
    # The column a caret is drawn under: within the text it points into, or not at all (a
    # forged offset of 999,999,999 was a caret line of a billion spaces: 12 GB, then exit 3).
    if type(info.get("offset")) is int and 0 <= info["offset"] <= len(cleaned.get("text", "")) + 1:
        cleaned["offset"] = info["offset"]
    return cleaned


def _text(value: Any, limit: int) -> str:
    """A string from the learner process, cut to `limit` characters; a number as its digits;
    anything else (a list where a string belongs) as nothing."""
    if isinstance(value, str):
        return value[:limit]
    if type(value) is int and abs(value) < 10**18:
        return str(value)
    return ""


def _names(names: Any) -> list[str]:
    if not isinstance(names, list):
        return []
    return [name[:100] for name in names[:500] if isinstance(name, str)]


class Remote:
    """A learner-side object. Attribute reads, writes and calls go to the learner process."""

    __slots__ = ("_session", "_id", "_generation", "_type", "_callable", "_path")

    def __init__(self, session: Session, id: int, generation: int, type_name: str,
                 is_callable: bool, path: str = "") -> None:
        object.__setattr__(self, "_session", session)
        object.__setattr__(self, "_id", id)
        object.__setattr__(self, "_generation", generation)
        object.__setattr__(self, "_type", type_name)
        object.__setattr__(self, "_callable", is_callable)
        object.__setattr__(self, "_path", path)

    @property
    def type_name(self) -> str:
        return self._type

    def _check(self) -> None:
        if self._id != 0 and self._generation != self._session.generation:
            raise feedback.Crashed(_("This object was lost when your code crashed or hung in "
                                     "an earlier step."))

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        self._check()
        value = self._session.request({"op": "get", "h": self._id, "name": name},
                                      _("reading `{name}`").format(name=self._dotted(name)))
        if isinstance(value, Remote):
            object.__setattr__(value, "_path", self._dotted(name))
        elif self._id == 0 and name in self._session.callables:
            # The suite will call it: say so now, rather than fail inside the suite.
            raise feedback.Crashed(_(
                "`{name}` in your file is {kind}, not a function or class, so it cannot be "
                "called. Define it with `def {name}(...):` as the exercise shows.").format(
                    name=name, kind=_kind(value)))
        return value

    def __setattr__(self, name: str, value: Any) -> None:
        self._check()
        self._session.request({"op": "set", "h": self._id, "name": name,
                               "value": wire.encode(value, _handle_of)},
                              _("setting `{name}`").format(name=self._dotted(name)))

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self._check()
        return self._session.request(
            {"op": "call", "h": self._id, "args": wire.encode(list(args), _handle_of),
             "kwargs": wire.encode(dict(kwargs), _handle_of)},
            lambda: f"{self._path or self._type}({_preview(args, kwargs)})",
            key=self._path or self._type)

    def _dotted(self, name: str) -> str:
        return f"{self._path}.{name}" if self._path else name

    def __repr__(self) -> str:
        return _("<your {type} object>").format(type=self._type)


def _handle_of(value: Any) -> wire.Handle:
    if isinstance(value, Remote):
        return wire.Handle(value._id, value._type, value._callable)
    raise TypeError(f"cannot send a {type(value).__name__} to the learner process")


def _kind(value: Any) -> str:
    return "None" if value is None else _("a {type}").format(type=type(value).__name__)


def _preview(args: tuple, kwargs: dict) -> str:
    parts = [_short(arg) for arg in args] + [f"{k}={_short(v)}" for k, v in kwargs.items()]
    return ", ".join(parts)


def _short(value: Any) -> str:
    text = repr(value).replace("\n", " ")
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "..."
