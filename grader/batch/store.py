"""results.jsonl, the source of truth of a batch run, and the lock that keeps runs apart.

Each line is one result JSON (schema 1) with a `batch` object added: who, which file, the
file's content hash, the suite version and the seed asked for (and, for a run on a Dask
cluster, the scheduler's and the worker's addresses). A line is written with one
`write` on a file opened for appending and then synced, so a kill leaves at worst one partial
last line, which the next run cuts off. Later lines win over earlier ones for the same learner
and exercise; at the end of a complete run the file is rewritten (atomically) with one line per
current submission.
"""

from __future__ import annotations

import ast
import contextlib
import fcntl
import hashlib
import json
import os
import socket
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from grader import files
from grader.course import catalog
from grader.files import write_atomically
from grader.i18n import _
from grader.render.text import printable_line
from grader.results import Result, json_text

RESULTS = "results.jsonl"
LOCK = ".lock"
# A line is one result (under 1 MB, see core/worker.py) and its batch record: a longer one was
# not written by a run and is graded again rather than read.
MAX_LINE = 2 * 1024 * 1024


class Locked(Exception):
    """Another run holds OUT; the message says which process."""


@dataclass(frozen=True)
class Record:
    learner: str
    exercise: str
    path: str
    sha256: str
    suite_version: str
    seed_requested: int | None
    result: Result
    grader_failure: str | None = None
    cluster: str | None = None
    worker: str | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.learner, self.exercise)

    def to_line(self) -> str:
        batch = {"learner": self.learner, "path": self.path, "sha256": self.sha256,
                 "suite_version": self.suite_version, "seed_requested": self.seed_requested}
        if self.grader_failure:
            batch["grader_failure"] = self.grader_failure
        if self.worker:
            batch.update(cluster=self.cluster, worker=self.worker)
        return json_text({**self.result.to_dict(), "batch": batch}) + "\n"

    @classmethod
    def from_line(cls, line: str) -> Record:
        """The record on one line of results.jsonl; ValueError for a line this grader did not
        write as it is (cut, edited by hand, nested beyond what JSON parsing can follow)."""
        if len(line) > MAX_LINE:
            raise ValueError("the line is longer than any result")
        try:
            data = json.loads(line)
        except RecursionError:
            raise ValueError("the line is nested too deeply") from None
        if not isinstance(data, dict) or not isinstance(data.get("batch"), dict):
            raise ValueError("the line holds no batch record")
        batch = data.pop("batch")
        texts = ("learner", "path", "sha256", "suite_version")
        if any(type(batch.get(key)) is not str for key in texts) \
                or type(batch.get("seed_requested", None)) not in (int, type(None)) \
                or any(type(batch.get(key, None)) not in (str, type(None))
                       for key in ("grader_failure", "cluster", "worker")):
            raise ValueError("the line's batch record has fields of the wrong type")
        result = Result.from_dict(data)
        if result.exercise not in catalog.names() \
                or result.max_score != catalog.get(result.exercise).points:
            raise ValueError("the line's result is not out of its exercise's points")
        return cls(learner=batch["learner"], exercise=result.exercise, path=batch["path"],
                   sha256=batch["sha256"], suite_version=batch["suite_version"],
                   seed_requested=batch.get("seed_requested"), result=result,
                   grader_failure=batch.get("grader_failure"), cluster=batch.get("cluster"),
                   worker=batch.get("worker"))


def content_hash(source: bytes) -> str:
    return hashlib.sha256(source).hexdigest()


def suite_version(exercise: str) -> str | None:
    """A hash of what decides a grade besides the file: the suite, the modules it imports from
    its suites/ folder (and those they import), the reference solution and the exercise's
    catalog entry, in the course in use. It changes when any of them changes. None when the
    exercise or its suite is missing."""
    course = catalog.active()
    try:
        entry = course.get(exercise)
        suite = course.suite_path(exercise)
        paths = [suite, *_suite_helpers(suite, course.suites_dir),
                 course.solution_path(exercise)]
        # Equivalent mutants are notes for `grader dev mutate`: they change no grade.
        graded = {key: value for key, value in asdict(entry).items() if key != "equivalent"}
        digest = hashlib.sha256(json.dumps(graded, sort_keys=True).encode() + b"\0")
        for path in paths:
            digest.update(path.read_bytes() + b"\0")
    except (OSError, catalog.UnknownExercise):
        return None
    return digest.hexdigest()[:16]


def _suite_helpers(suite: Path, folder: Path) -> list[Path]:
    """The modules of `folder` that `suite` imports, directly or through one another: a
    `name.py` or the files of a package `name/` for each `import name` or `from name import
    ...` whose name is there."""
    found: dict[Path, None] = {}
    waiting = [suite]
    while waiting:
        try:
            tree = ast.parse(waiting.pop().read_bytes())
        except (OSError, SyntaxError, ValueError):
            continue
        for top in sorted(_imported(tree)):
            module, package = folder / f"{top}.py", folder / top
            files = [module] if module.is_file() else \
                sorted(package.rglob("*.py")) if package.is_dir() else []
            for path in files:
                if path != suite and path not in found:
                    found[path] = None
                    waiting.append(path)
    return list(found)


def _imported(tree: ast.Module) -> set[str]:
    """The top-level names of the modules a module imports (relative imports left out)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


class Store:
    """results.jsonl in OUT. OUT may sit inside a class folder someone else prepared, so the
    file is opened from OUT's descriptor without following a link: a link named results.jsonl
    (to /etc/passwd, say) is refused, never appended to or cut."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.path = out / RESULTS

    def load(self) -> dict[tuple[str, str], Record]:
        """The latest record per learner and exercise; a damaged last line is cut off."""
        try:
            fd = self._open(os.O_RDWR)
        except FileNotFoundError:
            return {}
        try:
            data = _cut_partial_line(fd)
        finally:
            os.close(fd)
        records: dict[tuple[str, str], Record] = {}
        for line in data.decode("utf-8", errors="replace").splitlines():
            if not line.strip():
                continue
            try:
                record = Record.from_line(line)
            except ValueError:
                continue  # its submission is graded again, unless another line holds it
            records[record.key] = record
        return records

    def append(self, record: Record) -> None:
        data = record.to_line().encode("utf-8")
        fd = self._open(os.O_WRONLY | os.O_APPEND | os.O_CREAT)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)

    def rewrite(self, records: list[Record]) -> None:
        write_atomically(self.path, "".join(record.to_line() for record in records),
                         below=self.out)

    def _open(self, flags: int) -> int:
        folder = files.open_folder(self.out, create=False)
        try:
            return files.open_regular(RESULTS, flags, dir_fd=folder, shown=self.path)
        finally:
            os.close(folder)


def _cut_partial_line(fd: int) -> bytes:
    """The file's content up to its last newline; what follows (a line a killed run left half
    written) is cut off the file too, so the next append starts on a line of its own."""
    data = bytearray()
    while chunk := os.read(fd, files.CHUNK):
        data += chunk
    end = data.rfind(b"\n") + 1
    if end != len(data):
        os.ftruncate(fd, end)
        del data[end:]
    return bytes(data)


def remove_leftover_temporaries(out: Path) -> None:
    """Temporary files of a run killed while writing (`write_atomically` names them .*.tmp),
    in OUT and the folders the run writes in it; links are neither followed nor removed."""
    folder = files.open_folder(out, create=False)
    try:
        _remove_temporaries(folder, depth=2)
    finally:
        os.close(folder)


def _remove_temporaries(folder: int, depth: int) -> None:
    with os.scandir(folder) as listing:
        entries = list(listing)
    for entry in entries:
        if entry.is_symlink():
            continue
        if entry.is_file(follow_symlinks=False) and entry.name.startswith(".") \
                and entry.name.endswith(".tmp"):
            os.unlink(entry.name, dir_fd=folder)
        elif depth and entry.is_dir(follow_symlinks=False):
            try:
                inner = os.open(entry.name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW
                                | os.O_CLOEXEC, dir_fd=folder)
            except OSError:
                continue
            try:
                _remove_temporaries(inner, depth - 1)
            finally:
                os.close(inner)


@contextlib.contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold OUT for this run. The kernel drops the lock when the process dies, so a lock file
    left by a killed run is stale by construction and never blocks the next one."""
    folder = files.open_folder(out)
    try:
        fd = files.open_regular(LOCK, os.O_RDWR | os.O_CREAT, dir_fd=folder, shown=out / LOCK)
    finally:
        os.close(folder)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = printable_line(os.pread(fd, 200, 0).decode("utf-8", errors="replace")
                                    .strip())
            raise Locked(_("another `grader report` is writing to {path} ({holder}). Wait for "
                           "it to finish, or stop it, then run this again.").format(
                               path=out, holder=holder or _("unknown"))) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()} on {socket.gethostname()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)
