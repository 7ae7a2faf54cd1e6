"""The progress line on stderr while a class is graded; silent when stderr is not a terminal."""

from __future__ import annotations

import shutil
import time
from typing import TextIO

from grader.i18n import _, counted
from grader.render import wrap

REDRAW_SECONDS = 0.1


class ProgressBar:
    def __init__(self, stream: TextIO, total: int, done: int = 0, *,
                 enabled: bool | None = None, clock=time.monotonic) -> None:
        self.stream = stream
        self.total = total
        self.done = done
        self.reused = done
        self.below_full = 0
        self.errors = 0
        self.enabled = _is_terminal(stream) if enabled is None else enabled
        self.clock = clock
        self.started = clock()
        self.drawn_at = float("-inf")
        self.draw(force=True)

    def advance(self, *, full_marks: bool, error: bool) -> None:
        self.done += 1
        self.below_full += not full_marks
        self.errors += error
        self.draw(force=self.done == self.total)

    def line(self, width: int = 80) -> str:
        counts = f"{self.done}/{self.total}"
        details = [_("{n} below full marks").format(n=self.below_full),
                   counted(self.errors, "{n} error", "{n} errors")]
        eta = self.eta()
        if eta is not None:
            details.append(_("ETA {duration}").format(duration=_duration(eta)))
        text = " · ".join([counts, *details])
        bar_width = max(10, min(30, width - wrap.columns(text) - 12))
        filled = bar_width * self.done / self.total if self.total else bar_width
        bar = "█" * int(filled) + ("▌" if filled - int(filled) >= 0.5 else "")
        line = _("grading ▕{bar}▏ {details}").format(bar=bar.ljust(bar_width), details=text)
        return wrap.cut(line, max(20, width - 1), mark="")

    def eta(self) -> float | None:
        graded = self.done - self.reused
        if graded < 1 or self.done >= self.total:
            return None
        return (self.clock() - self.started) / graded * (self.total - self.done)

    def draw(self, force: bool = False) -> None:
        if not self.enabled:
            return
        now = self.clock()
        if not force and now - self.drawn_at < REDRAW_SECONDS:
            return
        self.drawn_at = now
        width = shutil.get_terminal_size((80, 20)).columns
        self.stream.write("\r\x1b[K" + self.line(width))
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m{seconds:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m"
