"""`grader watch`: grade a file again every time it is saved.

Changes are found by polling: every INTERVAL seconds each watched file is stat()ed and its
(mtime, size, inode) compared with the last look. The standard library has no inotify, polling
works the same on every system and file system (network drives, containers, editors that save by
renaming), and stat()ing ten files three times a second costs nothing. A save is graded once it
has stopped changing (editors may write a file in several steps), so a half-written file is not
graded; a syntax error mid-edit is just a verdict, and the watch goes on.

In a terminal, a typed line is a command: `h` shows the next hint of the exercise on screen,
Enter checks it again, `q` stops. Ctrl-C stops too.
"""

from __future__ import annotations

import os
import select
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from grader import catalog, grading
from grader.render_text import WIDTH, paint, points
from grader.results import Result, Status

INTERVAL = 0.3  # seconds between two looks at the files
SETTLE = 0.1  # a save is graded once the file has not changed for this long
CLEAR = "\x1b[2J\x1b[H"


@dataclass(frozen=True)
class Target:
    exercise: catalog.Exercise
    path: Path


def targets_in(folder: Path) -> list[Target]:
    """Every exercise file the folder may hold, in course order, whether it exists yet or not."""
    return [Target(exercise, folder / f"{exercise.name}.py") for exercise in catalog.CATALOG]


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
    for _ in range(tries):
        time.sleep(SETTLE)
        later = signature(path)
        if later == now:
            break
        now = later
    return now


class Keys:
    """Lines typed in the terminal, read without blocking; nothing when stdin is not a terminal."""

    def __init__(self, stream: TextIO | None) -> None:
        self._fd = None
        if stream is not None and os.name == "posix":
            try:
                if stream.isatty():
                    self._fd = stream.fileno()
            except (OSError, ValueError):
                pass

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
    verdict = {Status.PASSED: ("full marks", "green"), Status.FAILED: ("not yet", "yellow"),
               Status.ERROR: ("could not be graded", "red")}[result.status]
    lines = [paint(f"{result.title} ({result.submission}): "
                   f"{points(result.score)}/{points(result.max_score)}", "bold", color)
             + " — " + paint(verdict[0], verdict[1], color)]
    failing = next((test for test in result.tests
                    if test.status not in (Status.PASSED, Status.SKIPPED)), None)
    if result.message:  # nothing could run, or nothing is written yet: one message says it all
        lines += _wrapped(result.message, "  ")
    elif result.tests:
        graded = [test for test in result.tests if test.max_score > 0]
        passing = sum(test.status is Status.PASSED for test in graded)
        lines.append(f"  {passing} of {len(graded)} tests pass.")
        if failing is not None:
            lines.append(paint(f"  ✗ {failing.name}", "red", color))
            lines += _wrapped(failing.message or "", "      ")
    if failing is not None and failing.hint and result.status is not Status.ERROR:
        lines += [paint(line, "bright_black", color) for line in
                  _wrapped(f"Hint {failing.hint_number}: {failing.hint}", "  ")]
    return "\n".join(lines)


def _wrapped(text: str, prefix: str) -> list[str]:
    """Lines of `text` wrapped to the verdict's width; indented lines (code) are kept as is."""
    lines = []
    for line in text.splitlines():
        if line.startswith(" ") or len(prefix + line) <= WIDTH:
            lines.append(prefix + line)
        else:
            lines += textwrap.wrap(line, WIDTH, initial_indent=prefix,
                                   subsequent_indent=prefix + "  ")
    return lines


def grade(target: Target) -> Result:
    """Grade a target; a grader failure is shown like a verdict so the watch keeps going."""
    try:
        return grading.grade(target.path, target.exercise.name)
    except OSError as error:
        message = f"The file cannot be read ({error.strerror}); save it again."
    except grading.GraderFailure as error:
        message = f"The grader itself failed, not your code: {error}"
    return grading.file_error(target.exercise, target.path.name, message, 0)


def run(targets: list[Target], keys: Keys, *, first: Target | None,
        on_result: Callable[[Target, Result], str], on_hint: Callable[[Target], str],
        out: TextIO, color: bool, footer: str, interval: float = INTERVAL) -> None:
    """Watch until `q` is typed (Ctrl-C raises KeyboardInterrupt to the caller).

    `on_result` records a result and returns the lines to show under the verdict; `on_hint`
    returns the next hint of an exercise.
    """
    clear = CLEAR if out.isatty() else "\n"
    current = first
    if first is None:
        _show(out, clear + footer + "\nSave an exercise file to check it.")
    for event in events(targets, keys, first=first, interval=interval):
        if isinstance(event, Typed):
            if event.command in ("q", "quit", "exit"):
                return
            if event.command in ("h", "hint") and current is not None:
                _show(out, on_hint(current))
                continue
            if event.command not in ("", "r", "c", "check") or current is None:
                _show(out, "Type h for a hint, Enter to check again, q to stop.")
                continue
            event = Saved(current)
        current = event.target
        _show(out, f"{clear}[{time.strftime('%H:%M:%S')}] checking {current.path.name} …")
        result = grade(current)
        below = on_result(current, result)
        _show(out, "\n".join(part for part in (short_verdict(result, color=color), below, "",
                                               footer) if part is not None))


def _show(out: TextIO, text: str) -> None:
    out.write(text + "\n")
    out.flush()


def stdin_keys() -> Keys:
    return Keys(sys.stdin)
