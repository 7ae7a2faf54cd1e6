"""Finding the submissions in a folder or a .zip, laid out as instructors and platforms do.

Two layouts, told apart by `--exercise`:
- without it, one folder per learner holding files named for exercises:
  `SUBMISSIONS/<learner>/<exercise>.py` (deeper folders inside a learner's folder are searched too);
- with it, one file per learner for that exercise: `SUBMISSIONS/<learner>.py`, or
  `SUBMISSIONS/<learner>/<anything>.py` (the file named for the exercise if there are several).
Jupyter notebooks (.ipynb) count as .py files do, and a class may mix them. A learner with both
for one exercise has the .py file graded (a class graded before notebooks were keeps its grades)
and the notebook listed as skipped, with the reason.
A `.zip` of either is read in place (nothing is extracted), and a single folder wrapping the whole
class, as platform exports often have, is looked through. Every file that is not graded is
listed in `skipped` with the reason, and so is an empty folder: nothing is dropped silently.

The class is hostile input too. A folder is walked with directory descriptors: links are listed,
never followed; FIFOs, devices and sockets are listed, never opened; names that are not UTF-8
are listed, not used. An archive is read by `archive.py`, with caps. A path with `..`, an
absolute path, a drive letter or a backslash is refused as written, before any normalisation
could turn `cat/../dan/softmax.py` into Dan's file. A file is read only if it is graded, at most
`grading.max_bytes + 1` bytes of it (a notebook holds its outputs, so it may be larger), and the
files of a class together at most `CLASS_BYTES`.
Names are compared in Unicode NFC, so a folder name typed on a Mac (NFD) and on Linux (NFC) is
one learner. A file that cannot be read is a graded error for its learner, never a failed run.
"""

from __future__ import annotations

import contextlib
import os
import posixpath
import re
import stat
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import BinaryIO

from grader import files
from grader.batch import archive
from grader.core import grading
from grader.course import catalog
from grader.course import paths as course
from grader.i18n import N_, _

CLASS_BYTES = 256 * 1024 * 1024  # all the files of one run; a real class needs a few MiB
MAX_DEPTH = 32  # folders deeper than this inside SUBMISSIONS are listed, not searched
SYSTEM_NAMES = {"__MACOSX", "__pycache__", ".DS_Store", "Thumbs.db", "desktop.ini"}
GRADED_SUFFIXES = (".py", ".ipynb")  # in this order of preference, for one learner's exercise
_FOLDER = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
# How the class is laid out, as the class page says it (translated when it is shown).
FILE_PER_LEARNER, FOLDER_PER_LEARNER = N_("one file per learner"), N_("one folder per learner")
IN_A_ZIP = {FILE_PER_LEARNER: N_("one file per learner, in a zip"),
            FOLDER_PER_LEARNER: N_("one folder per learner, in a zip")}
ONE_LEARNER = N_("one learner's files")


class InputError(Exception):
    """SUBMISSIONS cannot be read as a class (usage error)."""


@dataclass(frozen=True)
class Submission:
    learner: str
    exercise: str
    path: str  # relative to SUBMISSIONS, with forward slashes
    source: bytes
    read_error: str | None = None

    @property
    def label(self) -> str:
        return posixpath.basename(self.path)


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str
    learner: str | None = None  # whose file it is, when known: their own report lists it


@dataclass
class Discovery:
    root: str
    layout: str
    submissions: list[Submission] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def learners(self) -> list[str]:
        return sorted({s.learner for s in self.submissions}, key=str.casefold)


class _Unreadable(Exception):
    """A file that is graded but cannot be read; the message is for its learner."""


@dataclass(frozen=True)
class _File:
    parts: tuple[str, ...]  # in NFC
    read: Callable[[], bytes]  # raises _Unreadable
    problem: str | None = None  # why it is skipped before anything else is looked at
    folder: bool = False  # an empty folder, listed as such
    cost: int = 0  # what reading it may decompress, whether or not it is then read whole

    @property
    def path(self) -> str:
        return "/".join(self.parts) + ("/" if self.folder else "")


def _skip(parts: tuple[str, ...], problem: str, *, folder: bool = False) -> _File:
    return _File(parts, _never, problem, folder)


def _never() -> bytes:
    raise _Unreadable("not read")


class _Budget:
    """The bytes a run may hold in memory for the files of the class."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.left = CLASS_BYTES

    def take(self, size: int) -> None:
        self.left -= size
        if self.left < 0:
            raise InputError(_(
                "The files to grade in {folder} add up to more than {size} MiB, the most one "
                "run reads. Grade the class in parts (a folder with some of the learners at a "
                "time).").format(folder=self.root, size=CLASS_BYTES // 2**20))


def discover(submissions: Path, exercise: str | None = None, *,
             exclude: Path | None = None) -> Discovery:
    """The submissions under SUBMISSIONS (a folder or a .zip); `exclude` is never read (OUT)."""
    chosen = catalog.get(exercise) if exercise is not None else None
    found = Discovery(root=str(submissions), layout=FILE_PER_LEARNER if chosen
                      else FOLDER_PER_LEARNER)
    try:
        mode = submissions.stat().st_mode
    except FileNotFoundError:
        raise InputError(_("{path} does not exist.").format(path=submissions)) from None
    except OSError as error:
        raise InputError(_("{path} cannot be read ({reason}).").format(
            path=submissions, reason=error.strerror)) from None
    with contextlib.ExitStack() as stack:
        if stat.S_ISDIR(mode):
            every = list(_folder_files(submissions, exclude, stack))
        elif stat.S_ISREG(mode):
            found.layout = IN_A_ZIP[found.layout]
            every = list(_zip_files(submissions, stack))
        else:
            raise InputError(_("{path} is {kind}, neither a folder nor a .zip file.").format(
                path=submissions, kind=files.kind_of(mode)))
        kept = _usable(every, found)
        prefix = _wrapper(kept, chosen)
        if prefix:
            found.root += "/" + prefix
            kept = [_File(f.parts[1:], f.read, cost=f.cost) for f in kept]
            found.skipped = [Skipped(s.path.removeprefix(prefix + "/"), s.reason)
                             for s in found.skipped]
        budget = _Budget(submissions)
        if chosen is None:
            _by_folder(kept, found, budget)
        else:
            _by_file(kept, chosen, found, budget)
    found.submissions.sort(key=lambda s: (s.learner.casefold(), catalog.names().index(s.exercise)))
    found.skipped.sort(key=lambda s: s.path)
    return found


def discover_one(folder: Path, exercises: list[str], learner: str) -> Discovery:
    """One learner's files in `folder` (an autograder's submission), for `exercises`: each
    `<exercise>.py` at any depth (the shallowest), or for a single exercise the only .py file
    if none is named for it. Read with a class folder's care; what is not graded is listed,
    with `learner` naming the folder in the reasons ("another file of <learner> was graded")."""
    found = Discovery(root=str(folder), layout=ONE_LEARNER)
    with contextlib.ExitStack() as stack:
        kept = [_File((learner, *file.parts), file.read)
                for file in _usable(list(_folder_files(folder, None, stack)), found)]
        budget = _Budget(folder)
        if len(exercises) == 1:
            _by_file(kept, catalog.get(exercises[0]), found, budget)
        else:
            _by_folder(kept, found, budget)
    prefix = learner + "/"
    found.skipped = [Skipped(s.path.removeprefix(prefix), s.reason) for s in found.skipped]
    chosen, found.submissions = found.submissions, []
    for submission in chosen:
        path = submission.path.removeprefix(prefix)
        if submission.exercise in exercises:
            found.submissions.append(replace(submission, path=path))
        else:
            found.skipped.append(Skipped(path, _("its exercise is not part of this "
                                                 "assignment")))
    found.submissions.sort(key=lambda s: exercises.index(s.exercise))
    found.skipped.sort(key=lambda s: s.path)
    return found


def _usable(every: list[_File], found: Discovery) -> list[_File]:
    """The files that may be graded; the others listed in `found.skipped` with the reason."""
    kept = []
    for file in every:
        if file.problem is None and any(part in SYSTEM_NAMES or part.startswith(".")
                                        for part in file.parts):
            file = _skip(file.parts, _("hidden or system file"))
        if file.problem is not None:
            found.skipped.append(Skipped(file.path, file.problem))
        else:
            kept.append(file)
    return kept


def _wrapper(files: list[_File], chosen: catalog.Exercise | None) -> str | None:
    """The one folder that wraps a whole class (`export/alice/softmax.py`), if there is one."""
    tops = {f.parts[0] for f in files}
    if len(tops) != 1 or any(len(f.parts) == 1 for f in files):
        return None
    if chosen is not None:  # export/alice.py, export/bob/anything.py
        return tops.pop() if len({f.parts[1] for f in files}) >= 2 else None
    if any(len(f.parts) == 2 and posixpath.splitext(f.parts[1])[0] in catalog.names()
           for f in files):
        return None  # a learner's folder: alice/softmax.py
    folders = {f.parts[1] for f in files if len(f.parts) > 2}
    return tops.pop() if len(folders) >= 2 else None


def _by_folder(files: list[_File], found: Discovery, budget: _Budget) -> None:
    names = set(catalog.names())
    chosen: dict[tuple[str, str], list[_File]] = {}
    for file in files:
        stem, suffix = posixpath.splitext(file.parts[-1])
        if len(file.parts) == 1:
            reason = _("directly in SUBMISSIONS, not in a learner's folder (for one file per "
                       "learner, name the exercise with --exercise)")
            found.skipped.append(Skipped(file.path, reason))
        elif suffix not in GRADED_SUFFIXES:
            found.skipped.append(Skipped(file.path, _("neither a .py file nor a notebook "
                                                      "(.ipynb)"), file.parts[0]))
        elif stem not in names:
            found.skipped.append(Skipped(file.path, _("its name matches no exercise "
                                                      "(`grader list` shows their names)"),
                                         file.parts[0]))
        else:
            chosen.setdefault((file.parts[0], stem), []).append(file)
    for (learner, name), candidates in chosen.items():
        candidates.sort(key=_preference)
        _add(found, learner, name, candidates[0], budget)
        for other in candidates[1:]:
            found.skipped.append(Skipped(other.path, _twin(other, candidates[0]) or
                                         _kinds(other, candidates[0]) or _(
                "another file for {exercise} was graded: {path}").format(
                    exercise=name, path=candidates[0].path), learner))


def _preference(file: _File) -> tuple:
    """Which of a learner's files for one exercise is graded: the shallowest, then the .py
    file before the notebook, then the first by name."""
    return (len(file.parts), GRADED_SUFFIXES.index(posixpath.splitext(file.parts[-1])[1]),
            file.path)


def _kinds(other: _File, graded: _File) -> str | None:
    """Why a notebook beside a graded .py file of the same name is not graded."""
    if posixpath.splitext(other.path)[0] != posixpath.splitext(graded.path)[0]:
        return None
    return _("{path} was graded instead: when a learner hands in both a .py file and a notebook "
             "for one exercise, the .py file is graded").format(path=graded.path)


def _by_file(files: list[_File], exercise: catalog.Exercise, found: Discovery,
             budget: _Budget) -> None:
    per_learner: dict[str, list[_File]] = {}
    for file in files:
        stem, suffix = posixpath.splitext(file.parts[-1])
        if suffix not in GRADED_SUFFIXES:
            found.skipped.append(Skipped(file.path, _("neither a .py file nor a notebook "
                                                      "(.ipynb)")))
            continue
        learner = stem if len(file.parts) == 1 else file.parts[0]
        per_learner.setdefault(learner, []).append(file)
    for learner, candidates in per_learner.items():
        candidates.sort(key=_preference)
        named = [f for f in candidates
                 if posixpath.splitext(f.parts[-1])[0] == exercise.name]
        if len(candidates[0].parts) == 1:
            pick = candidates[0]  # SUBMISSIONS/<learner>.py
        elif named or len(candidates) == 1:
            pick = (named or candidates)[0]
        else:
            for file in candidates:
                found.skipped.append(Skipped(file.path, _(
                    "{learner} has several .py files or notebooks and none is named "
                    "{exercise}.py or {exercise}.ipynb").format(
                        learner=learner, exercise=exercise.name), learner))
            continue
        _add(found, learner, exercise.name, pick, budget)
        for other in candidates:
            if other is not pick:
                found.skipped.append(Skipped(other.path, _twin(other, pick) or
                                             _kinds(other, pick) or _(
                    "another file of {learner} was graded: {path}").format(
                        learner=learner, path=pick.path), learner))


def _twin(other: _File, graded: _File) -> str | None:
    """Why a file with the very same path as the graded one is not graded: two entries of one
    archive, or two names that differ only in their Unicode form (NFC and NFD)."""
    if other.path != graded.path:
        return None
    return _("another file with this same name was graded (the class holds it twice, or in two "
             "Unicode forms)")


def _add(found: Discovery, learner: str, exercise: str, file: _File, budget: _Budget) -> None:
    if not course.suite_path(exercise).is_file():
        found.skipped.append(Skipped(file.path, _(
            "the {exercise} exercise has no suite in this installation of the grader").format(
                exercise=exercise)))
        return
    try:
        source, problem = file.read(), None
    except _Unreadable as error:
        source, problem = b"", str(error)
    if len(source) > grading.max_bytes(file.path):
        source, problem = b"", grading.too_large(file.path)
    budget.take(max(len(source), file.cost))
    found.submissions.append(Submission(learner, exercise, file.path, source, problem))


def _nfc(parts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(unicodedata.normalize("NFC", part) for part in parts)


def _folder_files(root: Path, exclude: Path | None, stack: contextlib.ExitStack
                  ) -> Iterator[_File]:
    try:
        root_fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError as error:
        raise InputError(_("{path} cannot be read ({reason}).").format(
            path=root, reason=error.strerror)) from None
    stack.callback(os.close, root_fd)
    try:
        excluded = exclude.stat() if exclude is not None else None
    except OSError:
        excluded = None
    identity = (excluded.st_dev, excluded.st_ino) if excluded is not None else None
    yield from _walk(root_fd, root_fd, (), (), identity)


def _walk(root_fd: int, fd: int, real: tuple[str, ...], shown: tuple[str, ...],
          excluded: tuple[int, int] | None) -> Iterator[_File]:
    """The files under the folder open as `fd` (`real` its names on disk, `shown` as they are
    shown), depth first in name order, without following a link."""
    with os.scandir(fd) as listing:
        names = sorted(entry.name for entry in listing)
    if not names and real:
        yield _skip(shown, _("an empty folder (no files)"), folder=True)
    for name in names:
        here, label = (*real, name), (*shown, *_nfc((_shown_name(name),)))
        if not _valid_name(name):
            yield _skip(label, _("its name is not valid UTF-8, so it was not read"))
            continue
        try:
            info = os.stat(name, dir_fd=fd, follow_symlinks=False)
        except OSError as error:
            yield _skip(label, _("it could not be looked at ({reason})").format(
                reason=error.strerror))
            continue
        if stat.S_ISLNK(info.st_mode):
            yield _skip(label, _("a symbolic link (not followed)"))
        elif stat.S_ISREG(info.st_mode):
            yield _File(label, partial(_read_file, root_fd, here))
        elif not stat.S_ISDIR(info.st_mode):
            yield _skip(label, _("{kind}, which is never opened").format(
                kind=files.kind_of(info.st_mode)))
        elif (info.st_dev, info.st_ino) == excluded:
            continue
        elif len(here) > MAX_DEPTH:
            yield _skip(label, _("a folder nested more than {depth} deep, not searched").format(
                depth=MAX_DEPTH), folder=True)
        else:
            try:
                child = os.open(name, _FOLDER, dir_fd=fd)
            except OSError as error:
                yield _skip(label, _("it could not be opened ({reason})").format(
                    reason=error.strerror), folder=True)
                continue
            try:
                yield from _walk(root_fd, child, here, label, excluded)
            finally:
                os.close(child)


def _valid_name(name: str) -> bool:
    """A name read from disk holds surrogates where its bytes are not UTF-8."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _shown_name(name: str) -> str:
    return os.fsencode(name).decode("utf-8", errors="backslashreplace")


def _read_file(root_fd: int, real: tuple[str, ...]) -> bytes:
    """Open `real` again from the class folder, one folder at a time without following a link
    (the folders may have changed since the walk), and read at most the cap and one byte."""
    opened: list[int] = []
    fd = root_fd
    try:
        for part in real[:-1]:
            fd = os.open(part, _FOLDER, dir_fd=fd)
            opened.append(fd)
        source = files.open_regular(real[-1], dir_fd=fd, shown="/".join(real))
        opened.append(source)
        return files.read_capped(source, grading.max_bytes(real[-1]))
    except OSError as error:
        raise _Unreadable(_("The file could not be read ({reason}).").format(
            reason=error.strerror)) from None
    finally:
        for each in opened:
            os.close(each)


def _zip_files(path: Path, stack: contextlib.ExitStack) -> Iterator[_File]:
    try:
        handle = stack.enter_context(os.fdopen(files.open_regular(path.resolve()), "rb"))
        listed = archive.entries(handle)
    except (OSError, archive.ArchiveError) as error:
        reason = error.strerror if isinstance(error, OSError) else str(error)
        raise InputError(_("{path} cannot be read as a zip file: {reason}.").format(
            path=path, reason=reason)) from None
    folders: set[tuple[str, ...]] = set()
    filled: set[tuple[str, ...]] = set()
    for entry in listed:
        if entry.name is None:
            yield _skip((entry.shown_name,), entry.name_problem or "")
            continue
        problem = _unsafe_path(entry.name)
        if problem is not None:
            yield _skip((entry.name,), problem)
            continue
        parts = _nfc(tuple(part for part in entry.name.split("/") if part not in ("", ".")))
        if not parts:
            continue
        filled.update(parts[:end] for end in range(1, len(parts)))
        if entry.is_dir:
            folders.add(parts)
        elif stat.S_ISLNK(entry.mode):
            yield _skip(parts, _("a symbolic link (not followed)"))
        elif entry.mode and stat.S_IFMT(entry.mode) and not stat.S_ISREG(entry.mode):
            yield _skip(parts, _("{kind}, which is never opened").format(
                kind=files.kind_of(entry.mode)))
        else:
            yield _File(parts, partial(_read_member, handle, entry),
                        cost=min(entry.size, grading.max_bytes(entry.name)))
    for folder in sorted(folders - filled):
        yield _skip(folder, _("an empty folder (no files)"), folder=True)


def _unsafe_path(name: str) -> str | None:
    """Why an archive member's path, as written, is refused (None if it is not)."""
    if "\\" in name:
        return _("its path contains a backslash, which could name another folder on some "
                 "systems, so it was not read")
    if name.startswith("/"):
        return _("its path is absolute (it starts with /), so it was not read")
    if re.match(r"[A-Za-z]:", name):
        return _("its path starts with a drive letter, so it was not read")
    if ".." in name.split("/"):
        return _("its path contains .., which could reach another learner's folder, so it was "
                 "not read")
    return None


def _read_member(handle: BinaryIO, entry: archive.Entry) -> bytes:
    try:
        return archive.read_member(handle, entry, grading.max_bytes(entry.name or ""))
    except archive.MemberTooLarge:
        raise _Unreadable(grading.too_large(entry.name or "")) from None
    except archive.MemberError as error:
        raise _Unreadable(str(error)) from None


def vet(submission: Submission) -> str | None:
    """Why this file cannot be graded at all (a graded error, with this message), or None."""
    return submission.read_error or grading.vet_source(submission.source, submission.label)
