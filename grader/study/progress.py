"""A learner's progress through the course, kept in `<workspace>/.grader/progress.json`.

Every check records its score here; `grader hint` remembers how many hints were shown and
`grader solution --force` that a solution was read early. The file is small JSON, rewritten
atomically (temporary file + rename) under a lock, so a check and a watch running together lose
nothing. A file that cannot be read as ours (corrupt, or written by something else) is never a
crash: it is moved aside as `progress.json.corrupt-<time>`, the caller is told, and progress
starts afresh.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TypeVar

from grader import files, i18n
from grader.course import catalog
from grader.feedback import NOT_STARTED
from grader.files import write_atomically
from grader.i18n import _
from grader.results import Result, timestamp

try:
    import fcntl
except ImportError:  # not on POSIX: the rename alone still keeps the file whole
    fcntl = None

SCHEMA = 1
KIND = "nn-grader-progress"
LOCK = "progress.lock"
MAX_BYTES = 16 * 1024 * 1024  # a real progress file is a few KiB
# Scores, attempts and hint numbers that no course reaches: a larger one (or nan, inf, a
# negative number) was not written by a check.
MAX_NUMBER = 1e9
MAX_HINTS = 1000
NOT_STARTED_STATE, IN_PROGRESS, DONE = "not started", "in progress", "done"

T = TypeVar("T")


@dataclass
class ExerciseProgress:
    attempts: int = 0
    started: bool = False  # a check saw the learner's own code, not the untouched stub
    best_score: float = 0.0
    max_score: float | None = None
    last_score: float | None = None
    last_checked_at: str | None = None
    full_marks_at: str | None = None
    hints_seen: list[int] = field(default_factory=list)  # numbers, by grader hint or a report
    solution_shown: bool = False
    solution_before_full_marks: bool = False

    @property
    def done(self) -> bool:
        return self.full_marks_at is not None

    def unseen_hint(self, exercise: catalog.Exercise) -> int | None:
        """The first of the exercise's hints not seen yet (1-based), None once all were."""
        return next((number for number in range(1, len(exercise.hints) + 1)
                     if number not in self.hints_seen), None)

    def see_hints(self, numbers: Iterable[int]) -> None:
        self.hints_seen = sorted(set(self.hints_seen) | set(numbers))

    @property
    def state(self) -> str:
        if self.done:
            return DONE
        return IN_PROGRESS if self.started else NOT_STARTED_STATE


_TYPES: dict[str, tuple[type, ...]] = {
    "attempts": (int,), "started": (bool,), "best_score": (int, float),
    "max_score": (int, float, type(None)), "last_score": (int, float, type(None)),
    "last_checked_at": (str, type(None)), "full_marks_at": (str, type(None)),
    "hints_seen": (list,), "solution_shown": (bool,), "solution_before_full_marks": (bool,),
}
# Read from files written before hints were remembered one by one: hints 1..N were seen.
_OLD_HINT_COUNT = "hints_shown"


@dataclass
class Progress:
    exercises: dict[str, ExerciseProgress] = field(default_factory=dict)

    def of(self, name: str) -> ExerciseProgress:
        """The progress on one exercise (a fresh, unsaved entry if there is none yet)."""
        return self.exercises.get(name) or ExerciseProgress()

    def entry(self, name: str) -> ExerciseProgress:
        """The stored entry for `name`, created if needed (for changing it)."""
        return self.exercises.setdefault(name, ExerciseProgress())

    def record(self, result: Result, hints_seen: Iterable[int] = ()) -> None:
        """Count a check; `hints_seen` are the hints its report showed, which now count as
        seen, so that `grader hint` and "hint N of M" offer one the learner has not read."""
        entry = self.entry(result.exercise)
        entry.see_hints(hints_seen)
        entry.attempts += 1
        entry.last_checked_at = result.graded_at or timestamp()
        entry.last_score = result.score
        entry.max_score = result.max_score
        entry.best_score = max(entry.best_score, result.score)
        if not (result.message or "").startswith(i18n.variants(NOT_STARTED)):
            entry.started = True
        if result.full_marks and entry.full_marks_at is None:
            entry.full_marks_at = entry.last_checked_at

    def reveal_hint(self, exercise: catalog.Exercise) -> int:
        """The number (1-based) of the first hint not seen yet, now seen; once every hint was
        seen, the last one again."""
        entry = self.entry(exercise.name)
        number = entry.unseen_hint(exercise) or len(exercise.hints)
        entry.see_hints([number])
        return number

    def next_exercise(self) -> catalog.Exercise | None:
        """The next exercise: the first in course order not at full marks, None when all are.

        The one rule for "next" everywhere (`grader next`, `grader list`'s arrow, `grader check`
        without a FILE, the line under a verdict, the watch, the HTML report), so that they
        never name different exercises at one moment."""
        return next((exercise for exercise in catalog.exercises()
                     if not self.of(exercise.name).done), None)

    def to_json(self) -> str:
        return json.dumps({"kind": KIND, "schema": SCHEMA,
                           "exercises": {name: asdict(entry)
                                         for name, entry in self.exercises.items()}},
                          indent=2, sort_keys=False) + "\n"


class NotOurs(ValueError):
    """The file's content is not a progress file this grader wrote."""


def parse(text: str) -> Progress:
    try:
        data = json.loads(text)
    except ValueError as error:
        raise NotOurs(_("it is not valid JSON ({error})").format(error=error)) from None
    except RecursionError:
        raise NotOurs(_("it is nested too deeply to be read")) from None
    if not isinstance(data, dict) or data.get("kind") != KIND:
        raise NotOurs(_("it is not an nn-grader progress file"))
    if data.get("schema") != SCHEMA:
        raise NotOurs(_("it has schema {schema!r}; this grader reads schema {ours}").format(
            schema=data.get("schema"), ours=SCHEMA))
    exercises = data.get("exercises")
    if not isinstance(exercises, dict):
        raise NotOurs(_("its \"exercises\" entry is not an object"))
    progress = Progress()
    for name, entry in exercises.items():
        if not isinstance(entry, dict):
            raise NotOurs(_("the entry for {name!r} is not an object").format(name=name))
        known = {}
        if isinstance(entry.get(_OLD_HINT_COUNT), int) and "hints_seen" not in entry:
            known["hints_seen"] = list(range(1, max(entry[_OLD_HINT_COUNT], 0) + 1))
        for key, value in entry.items():
            if key not in _TYPES:
                continue  # a later grader may add fields; keep reading
            if not isinstance(value, _TYPES[key]) or \
                    (isinstance(value, bool) and bool not in _TYPES[key]):
                raise NotOurs(_("{name}.{key} has the wrong type ({type})").format(
                    name=name, key=key, type=type(value).__name__))
            if key == "hints_seen" and not (len(value) <= MAX_HINTS and all(
                    type(item) is int and 1 <= item <= MAX_HINTS for item in value)):
                raise NotOurs(_("{name}.hints_seen holds something other than hint "
                                "numbers").format(name=name))
            if isinstance(value, (int, float)) and not isinstance(value, bool) \
                    and not 0 <= value <= MAX_NUMBER:
                raise NotOurs(_("{name}.{key} is not a number between 0 and {most:g}").format(
                    name=name, key=key, most=MAX_NUMBER))
            known[key] = value
        progress.exercises[name] = ExerciseProgress(**known)
    return progress


class Store:
    """The progress file of one workspace. `notices` collects what the learner should be told
    (a file set aside, a file that could not be written); nothing here raises for those.

    The workspace may have come out of someone else's archive, so `.grader/`, `progress.json`
    and `progress.lock` are opened from the workspace's folder without following links: a
    link among them is refused with a notice, and nothing is read or written through it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.root = path.parent.parent  # path is <root>/.grader/progress.json
        self.notices: list[str] = []
        self._writable = True

    def load(self) -> Progress:
        try:
            data = self._read()
        except FileNotFoundError:
            return Progress()
        except files.Refused as error:
            self._writable = False
            self.notices.append(_("{reason}; your progress is not used or saved this "
                                  "time.").format(reason=error.strerror))
            return Progress()
        except OSError as error:
            self._writable = False
            self.notices.append(_("cannot read {path} ({reason}); your progress is not used or "
                                  "saved this time.").format(path=self.path,
                                                             reason=error.strerror))
            return Progress()
        if len(data) > MAX_BYTES:
            return self._set_aside(_("it is larger than {size} MiB").format(
                size=MAX_BYTES // 1024 // 1024))
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return self._set_aside(_("it is not UTF-8 text"))
        try:
            return parse(text)
        except NotOurs as error:
            return self._set_aside(str(error))

    def update(self, change: Callable[[Progress], T]) -> T:
        """Load, apply `change`, save: one step under the lock, so no update is lost."""
        with self._locked():
            progress = self.load()
            outcome = change(progress)
            self.save(progress)
        return outcome

    def save(self, progress: Progress) -> None:
        if not self._writable:
            return
        try:
            write_atomically(self.path, progress.to_json(), durable=True, below=self.root)
        except OSError as error:
            self.notices.append(_("cannot save your progress to {path} ({reason}).").format(
                path=self.path, reason=error.strerror))

    def _read(self) -> bytes:
        with self._folder(create=False) as folder:
            fd = files.open_regular(self.path.name, dir_fd=folder, shown=self.path)
            try:
                return files.read_capped(fd, MAX_BYTES)
            finally:
                os.close(fd)

    @contextlib.contextmanager
    def _folder(self, *, create: bool) -> Iterator[int]:
        fd = files.open_folder(self.root, (self.path.parent.name,), create=create)
        try:
            yield fd
        finally:
            os.close(fd)

    def _set_aside(self, reason: str) -> Progress:
        stamp = datetime.datetime.now().strftime("%Y%m%dT%H%M%S")
        aside = f"{self.path.name}.corrupt-{stamp}"
        try:
            with self._folder(create=False) as folder:
                counter = 1
                while _exists(aside, folder):
                    counter += 1
                    aside = f"{self.path.name}.corrupt-{stamp}-{counter}"
                os.replace(self.path.name, aside, src_dir_fd=folder, dst_dir_fd=folder)
        except OSError as error:
            self._writable = False
            self.notices.append(_("{path} cannot be read ({reason}) nor moved aside ({error}); "
                                  "your progress is not saved this time.").format(
                                      path=self.path, reason=reason, error=error.strerror))
        else:
            self.notices.append(_("{path} could not be read ({reason}). It was moved to {aside} "
                                  "and your progress starts afresh.").format(
                                      path=self.path, reason=reason, aside=aside))
        return Progress()

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        if fcntl is None:
            yield
            return
        try:
            with self._folder(create=True) as folder:
                lock = files.open_regular(LOCK, os.O_RDWR | os.O_CREAT, dir_fd=folder,
                                          shown=self.path.with_name(LOCK))
        except files.Refused as error:
            self._writable = False
            self.notices.append(_("{reason}; your progress is not saved this time.").format(
                reason=error.strerror))
            yield
            return
        except OSError:
            yield  # a read-only workspace: save() reports the problem
            return
        try:
            fcntl.flock(lock, fcntl.LOCK_EX)
            yield
        finally:
            os.close(lock)


def _exists(name: str, folder: int) -> bool:
    try:
        os.stat(name, dir_fd=folder, follow_symlinks=False)
    except FileNotFoundError:
        return False
    return True


def record(path: Path, result: Result,
           hints_seen: Iterable[int] = ()) -> tuple[Progress, list[str]]:
    """Record one check in the progress file at `path`: the progress after it, and notices."""
    store = Store(path)

    def add(progress: Progress) -> Progress:
        progress.record(result, hints_seen)
        return progress

    return store.update(add), store.notices
