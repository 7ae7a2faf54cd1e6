"""Finding the submissions in a folder or a .zip, laid out as instructors and platforms do.

Two layouts, told apart by `--exercise`:
- without it, one folder per learner holding files named for exercises:
  `SUBMISSIONS/<learner>/<exercise>.py` (deeper folders inside a learner's folder are searched too);
- with it, one file per learner for that exercise: `SUBMISSIONS/<learner>.py`, or
  `SUBMISSIONS/<learner>/<anything>.py` (the file named for the exercise if there are several).
A `.zip` of either is read in place (nothing is extracted), and a single folder wrapping the whole
class, as platform exports often have, is looked through. Every file that is not graded is
listed in `skipped` with the reason: nothing is dropped silently.
"""

from __future__ import annotations

import contextlib
import os
import posixpath
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from grader.core import grading
from grader.course import catalog
from grader.course import paths as course

READ_CAP = 32 * 1024 * 1024  # enough to measure any real file; a bigger one is refused anyway
SYSTEM_NAMES = {"__MACOSX", "__pycache__", ".DS_Store", "Thumbs.db", "desktop.ini"}


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


@dataclass
class Discovery:
    root: str
    layout: str
    submissions: list[Submission] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def learners(self) -> list[str]:
        return sorted({s.learner for s in self.submissions}, key=str.casefold)


@dataclass(frozen=True)
class _File:
    parts: tuple[str, ...]
    read: Callable[[], bytes]  # raises OSError or a zip error when unreadable
    problem: str | None = None  # why it is skipped before anything else is looked at

    @property
    def path(self) -> str:
        return "/".join(self.parts)


def discover(submissions: Path, exercise: str | None = None, *,
             exclude: Path | None = None) -> Discovery:
    """The submissions under SUBMISSIONS (a folder or a .zip); `exclude` is never read (OUT)."""
    chosen = catalog.get(exercise) if exercise is not None else None
    found = Discovery(root=str(submissions),
                      layout="one file per learner" if chosen else "one folder per learner")
    with contextlib.ExitStack() as stack:
        if submissions.is_dir():
            files = list(_folder_files(submissions, exclude))
        elif zipfile.is_zipfile(submissions):
            found.layout += ", in a zip"
            files = list(_zip_files(submissions, stack))
        elif submissions.exists():
            raise InputError(f"{submissions} is neither a folder nor a .zip file.")
        else:
            raise InputError(f"{submissions} does not exist.")
        kept = []
        for file in files:
            if file.problem is None and any(part in SYSTEM_NAMES or part.startswith(".")
                                            for part in file.parts):
                file = _File(file.parts, file.read, "hidden or system file")
            if file.problem is not None:
                found.skipped.append(Skipped(file.path, file.problem))
            else:
                kept.append(file)
        prefix = _wrapper(kept, chosen)
        if prefix:
            found.root += "/" + prefix
            kept = [_File(f.parts[1:], f.read) for f in kept]
            found.skipped = [Skipped(s.path.removeprefix(prefix + "/"), s.reason)
                             for s in found.skipped]
        if chosen is None:
            _by_folder(kept, found)
        else:
            _by_file(kept, chosen, found)
    found.submissions.sort(key=lambda s: (s.learner.casefold(), catalog.names().index(s.exercise)))
    found.skipped.sort(key=lambda s: s.path)
    return found


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


def _by_folder(files: list[_File], found: Discovery) -> None:
    names = set(catalog.names())
    chosen: dict[tuple[str, str], list[_File]] = {}
    for file in files:
        stem, suffix = posixpath.splitext(file.parts[-1])
        if len(file.parts) == 1:
            reason = ("directly in SUBMISSIONS, not in a learner's folder (for one file per "
                      "learner, name the exercise with --exercise)")
            found.skipped.append(Skipped(file.path, reason))
        elif suffix != ".py":
            found.skipped.append(Skipped(file.path, "not a .py file"))
        elif stem not in names:
            found.skipped.append(Skipped(file.path, "its name matches no exercise "
                                                    "(`grader list` shows their names)"))
        else:
            chosen.setdefault((file.parts[0], stem), []).append(file)
    for (learner, name), candidates in chosen.items():
        candidates.sort(key=lambda f: (len(f.parts), f.path))
        _add(found, learner, name, candidates[0])
        for other in candidates[1:]:
            found.skipped.append(Skipped(other.path, f"another file for {name} was graded: "
                                                     f"{candidates[0].path}"))


def _by_file(files: list[_File], exercise: catalog.Exercise, found: Discovery) -> None:
    per_learner: dict[str, list[_File]] = {}
    for file in files:
        stem, suffix = posixpath.splitext(file.parts[-1])
        if suffix != ".py":
            found.skipped.append(Skipped(file.path, "not a .py file"))
            continue
        learner = stem if len(file.parts) == 1 else file.parts[0]
        per_learner.setdefault(learner, []).append(file)
    for learner, candidates in per_learner.items():
        candidates.sort(key=lambda f: (len(f.parts), f.path))
        named = [f for f in candidates if f.parts[-1] == f"{exercise.name}.py"]
        if len(candidates[0].parts) == 1:
            pick = candidates[0]  # SUBMISSIONS/<learner>.py
        elif named or len(candidates) == 1:
            pick = (named or candidates)[0]
        else:
            for file in candidates:
                found.skipped.append(Skipped(file.path, f"{learner} has several .py files and "
                                                        f"none is named {exercise.name}.py"))
            continue
        _add(found, learner, exercise.name, pick)
        for other in candidates:
            if other is not pick:
                found.skipped.append(Skipped(other.path, f"another file of {learner} was "
                                                         f"graded: {pick.path}"))


def _add(found: Discovery, learner: str, exercise: str, file: _File) -> None:
    if not course.suite_path(exercise).is_file():
        found.skipped.append(Skipped(file.path, f"the {exercise} exercise has no suite in "
                                                "this installation of the grader"))
        return
    try:
        source, problem = file.read(), None
    except (OSError, RuntimeError, zipfile.BadZipFile, NotImplementedError) as error:
        source, problem = b"", f"The file could not be read ({error})."
    found.submissions.append(Submission(learner, exercise, file.path, source, problem))


def _folder_files(root: Path, exclude: Path | None) -> Iterator[_File]:
    excluded = exclude.resolve() if exclude is not None else None
    for folder, subfolders, files in os.walk(root, followlinks=False):
        here = Path(folder)
        if excluded is not None:
            subfolders[:] = [d for d in subfolders if (here / d).resolve() != excluded]
        subfolders.sort()
        for name in sorted(files):
            path = here / name
            parts = path.relative_to(root).parts
            if path.is_symlink():  # it could point anywhere, and its text would reach a report
                yield _File(parts, _refuse, "a symbolic link (not followed)")
            else:
                yield _File(parts, lambda path=path: _read_file(path))


def _read_file(path: Path) -> bytes:
    with path.open("rb") as file:
        return file.read(READ_CAP)


def _zip_files(archive: Path, stack: contextlib.ExitStack) -> Iterator[_File]:
    try:
        handle = stack.enter_context(zipfile.ZipFile(archive))
    except (zipfile.BadZipFile, OSError) as error:
        raise InputError(f"{archive} cannot be read as a zip file ({error}).") from None
    for info in handle.infolist():
        if info.is_dir():
            continue
        name = posixpath.normpath(info.filename.replace("\\", "/"))
        parts = tuple(p for p in name.split("/") if p not in ("", "."))
        if name.startswith("/") or ".." in parts or not parts:
            yield _File((info.filename,), _refuse, "its path leaves the archive (unsafe)")
            continue
        yield _File(parts, lambda info=info: _read_member(handle, info))


def _read_member(handle: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    with handle.open(info) as member:
        return member.read(READ_CAP)


def _refuse() -> bytes:
    raise OSError("unsafe path")


def vet(submission: Submission) -> str | None:
    """Why this file cannot be graded at all (a graded error, with this message), or None."""
    return submission.read_error or grading.vet_source(submission.source)
