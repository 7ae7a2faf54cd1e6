"""`grader watch`: grade a file again every time it is saved.

Changes are found by polling: every INTERVAL seconds each watched file (an exercise's .py file and
its notebook, which Jupyter saves by renaming a new file into place) is stat()ed and its
(mtime, size, inode) compared with the last look. The standard library has no inotify, polling
works the same on every system and file system (network drives, containers, editors that save by
renaming), and stat()ing ten files three times a second costs nothing. A save is graded once it
has stopped changing (editors may write a file in several steps), so a half-written file is not
graded; a syntax error mid-edit is just a verdict, and the watch goes on.

In a terminal, a typed line is a command: `h` shows the next hint of the exercise on screen,
Enter checks it again, `q` stops. Ctrl-C stops too. Watching a folder, full marks move the watch
on to the next exercise's file, as rustlings does: its hints and Enter are then for that one.
"""

from __future__ import annotations

import os
import select
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from grader.core import grading
from grader.course import catalog
from grader.i18n import N_, _, counted
from grader.render.text import (
    hint_line,
    indented,
    paint,
    points,
    printable_result,
    shown_path,
    stopped_hint,
    verdict,
)
from grader.results import Result, Status, TestResult
from grader.study import render as render_progress
from grader.study import session as study
from grader.study import workspace
from grader.study.render import Ask

INTERVAL = 0.3  # seconds between two looks at the files
SETTLE = 0.1  # a save is graded once the file has not changed for this long
CLEAR = "\x1b[2J\x1b[H"
KEYS = N_("Press h and Enter for a hint, Enter alone to check again, q or Ctrl-C to stop.")


@dataclass(frozen=True)
class Target:
    exercise: catalog.Exercise
    path: Path


def targets_in(folder: Path) -> list[Target]:
    """Every exercise file the folder may hold, in course order, whether it exists yet or not:
    a Python file and a Jupyter notebook for each exercise."""
    return [Target(exercise, folder / f"{exercise.name}{suffix}")
            for exercise in catalog.exercises() for suffix in (".py", ".ipynb")]


class Refused(Exception):
    """PATH cannot be watched as asked (a usage error: the message says why)."""


@dataclass(frozen=True)
class Plan:
    path: Path  # what the learner asked to watch, resolved
    targets: list[Target]
    first: Target | None  # checked at once, before any save
    notices: tuple[str, ...] = ()  # about the progress file, read to choose `first`

    def footer(self, cwd: Path, keys: bool) -> str:
        """What is watched and, when a terminal can type them, the keys; under every verdict."""
        shown = shown_path(self.path, cwd)
        if self.path.is_dir() and shown == ".":
            watching = _("Watching every exercise file in this folder: every save is checked.")
        elif self.path.is_dir():
            watching = _("Watching every exercise file in {path}: every save is checked.").format(
                path=shown)
        else:
            watching = _("Watching {path}: every save is checked.").format(path=shown)
        if not keys:
            return watching + " " + _("Ctrl-C stops.")
        return watching + "\n" + _(KEYS)

    def target(self, exercise: catalog.Exercise) -> Target | None:
        """The watched file of `exercise`, if this watch has one: the one that exists (the
        .py file if both do), else the first watched."""
        mine = [target for target in self.targets if target.exercise == exercise]
        return next((target for target in mine if target.path.is_file()), next(iter(mine), None))


def plan(path: Path, exercise: str | None) -> Plan:
    """What `grader watch PATH` watches. A file is checked at once; in a folder, the next
    exercise by the progress there (the first one outside a workspace) is checked at once if
    its file is there, so the learner sees where they are without saving first.

    Raises `catalog.UnknownExercise` when a file's exercise cannot be told (the caller knows
    whether it came from --exercise or from the file name)."""
    path = path.resolve()
    if not path.is_dir():
        target = Target(grading.exercise_for(path, exercise), path)
        return Plan(path, [target], target)
    if exercise is not None:
        raise Refused(_("--exercise goes with a FILE, not a folder."))
    targets = targets_in(path)
    if not any(target.path.is_file() for target in targets):
        raise Refused(_("{path} holds no exercise files (such as {name}.py or "
                        "{name}.ipynb).").format(path=path, name=catalog.names()[0]))
    state, notices = study.load(workspace.find(path))
    upcoming = state.next_exercise()
    first = next((target for target in targets
                  if target.exercise == upcoming and target.path.is_file()), None)
    return Plan(path, targets, first, tuple(notices))


Signature = tuple[int, int, int] | None


def signature(path: Path) -> Signature:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino)


class Poller:
    """Reports the targets whose files changed since the last look (created counts, deleted
    does not: an editor that saves by delete-and-rename is seen once, when the file is back)."""

    def __init__(self, targets: list[Target]) -> None:
        self.targets = targets
        self._seen = {target.path: signature(target.path) for target in targets}

    def changed(self) -> list[Target]:
        changed = []
        for target in self.targets:
            now = signature(target.path)
            if now != self._seen[target.path]:
                now = _settled(target.path, now)
                self._seen[target.path] = now
                if now is not None:
                    changed.append(target)
        return changed


def _settled(path: Path, now: Signature, tries: int = 20) -> Signature:
    for _attempt in range(tries):
        time.sleep(SETTLE)
        later = signature(path)
        if later == now:
            break
        now = later
    return now


class Keys:
    """Lines typed in the terminal, read without blocking; nothing when stdin is not a terminal."""

    def __init__(self, stream: TextIO | None) -> None:
        self._fd: int | None = None
        if stream is not None and os.name == "posix":
            try:
                if stream.isatty():
                    self._fd = stream.fileno()
            except (OSError, ValueError):
                pass

    @property
    def interactive(self) -> bool:
        """Whether typed keys are read: only then may the screen say "press h"."""
        return self._fd is not None

    def wait(self, timeout: float) -> list[str]:
        if self._fd is None:
            time.sleep(timeout)
            return []
        ready, _, _ = select.select([self._fd], [], [], timeout)
        if not ready:
            return []
        data = os.read(self._fd, 4096)
        if not data:
            self._fd = None  # end of input: keep watching, stop reading
            return []
        return [line.strip().lower() for line in data.decode(errors="replace").splitlines()]


@dataclass(frozen=True)
class Saved:
    target: Target


@dataclass(frozen=True)
class Typed:
    command: str


def events(targets: list[Target], keys: Keys, *, first: Target | None = None,
           interval: float = INTERVAL) -> Iterator[Saved | Typed]:
    """Saves and typed commands, as they happen; `first` is reported at once."""
    poller = Poller(targets)
    if first is not None:
        yield Saved(first)
    while True:
        for command in keys.wait(interval):
            yield Typed(command)
        for target in poller.changed():
            yield Saved(target)


def short_verdict(result: Result, *, color: bool) -> str:
    """The score and the first thing to fix: what fits on a screen beside an editor."""
    result = printable_result(result)
    lines = [paint(f"{result.title} ({result.submission}): "
                   f"{points(result.score)}/{points(result.max_score)}", "bold", color)
             + " — " + verdict(result, color)]
    if result.message:  # nothing could run, or nothing is written yet: one message says it all
        lines += indented(result.message, "  ")
    elif result.tests:
        graded = [test for test in result.tests if not test.optional]
        passing = sum(test.status is Status.PASSED for test in graded)
        lines.append("  " + counted(len(graded), "{passing} of {n} test passed.",
                                    "{passing} of {n} tests passed.", passing=passing))
        failing = _first_failing(result)
        if failing is not None:
            mark, style = ("○", "yellow") if failing.optional else ("✗", "red")
            lines.append(paint(f"  {mark} {failing.name}", style, color))
            lines += indented(failing.message or "", "      ")
    shown = shown_hint(result)
    if shown is not None:
        lines += indented(hint_line(shown), "  ", "bright_black", color)
    return "\n".join(lines)


def _first_failing(result: Result) -> TestResult | None:
    """The first test that fails on its own, else the first example waiting for its twin, else
    the first challenge not yet met: an example that was right is never the thing to fix."""
    failing = [test for test in result.tests
               if test.status not in (Status.PASSED, Status.SKIPPED)]
    return next((test for test in failing if not test.optional and not test.gated), None) or \
        next((test for test in failing if not test.optional), None) or \
        next(iter(failing), None)


def shown_hint(result: Result) -> TestResult | None:
    """The test whose hint the short verdict shows: the one that helps with the first thing
    to fix (none when the file could not be graded: the fix is in the message)."""
    if result.message:
        return stopped_hint(result)
    failing = _first_failing(result)
    return failing if failing is not None and failing.hint else None


def grade(target: Target) -> Result:
    """Grade a target; a grader failure is shown like a verdict so the watch keeps going."""
    try:
        return grading.grade(target.path, target.exercise.name)
    except OSError as error:
        message = _("The file cannot be read ({reason}); save it again.").format(
            reason=error.strerror)
    except grading.GraderFailure as error:
        message = _("The grader itself failed, not your code: {error}").format(error=error)
    return grading.file_error(target.exercise, target.path.name, message, 0)


def hint(target: Target, ask: Ask) -> tuple[str, list[str]]:
    """The next hint of the target's exercise, remembered if the file is a workspace's."""
    return study.hint(workspace.holding(target.path), target.exercise, ask=ask)


def run(plan: Plan, keys: Keys, *, cwd: Path, notify: Callable[[list[str]], None], out: TextIO,
        color: bool, interval: float = INTERVAL) -> None:
    """Watch until `q` is typed (Ctrl-C raises KeyboardInterrupt to the caller). Each check is
    recorded and its report written like `grader check`'s; `notify` gets the notices about
    the progress file and the reports, which must not clear the screen's verdict."""
    clear = CLEAR if out.isatty() else "\n"
    ask = Ask.KEY if keys.interactive else Ask.COMMAND
    footer = plan.footer(cwd, keys.interactive)
    current = plan.first
    notices = list(plan.notices)  # told after the screen is first cleared, or it would hide them
    if current is None:
        _show(out, clear + footer + "\n" + _("Save an exercise file to check it."))
        notify(notices)
        notices = []
    for event in events(plan.targets, keys, first=plan.first, interval=interval):
        if isinstance(event, Typed):
            if event.command in ("q", "quit", "exit"):
                return
            if event.command in ("h", "hint") and current is not None:
                text, notices = hint(current, ask)
                notify(notices)
                _show(out, text)
                continue
            if event.command not in ("", "r", "c", "check") or current is None:
                _show(out, _("Press h and Enter for a hint, Enter alone to check again, q to "
                             "stop."))
                continue
            event = Saved(current)
        current = event.target
        _show(out, clear + _("[{time}] checking {file} …").format(
            time=time.strftime("%H:%M:%S"), file=current.path.name))
        result = grade(current)
        shown = shown_hint(result)
        after = study.record_and_report(current.path, result, cwd, ask=ask, hints_seen=[
            shown.hint_number] if shown is not None and shown.hint_number else [])
        notify(notices + after.notices)
        notices = []
        next_step = after.next_step
        moved = plan.target(after.upcoming) if result.full_marks and after.upcoming else None
        if moved is not None and plan.path.is_dir():
            current = moved
            next_step = render_progress.watch_moves_on(moved.exercise, moved.path, cwd)
        _show(out, "\n".join(part for part in (short_verdict(result, color=color),
                                               next_step, "", footer)
                             if part is not None))


def _show(out: TextIO, text: str) -> None:
    out.write(text + "\n")
    out.flush()


def stdin_keys() -> Keys:
    return Keys(sys.stdin)
