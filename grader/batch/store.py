"""results.jsonl, the source of truth of a batch run, and the lock that keeps runs apart.

Each line is one result JSON (schema 1) with a `batch` object added: who, which file, the
file's content hash, the suite version and the seed asked for. A line is written with one
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
from dataclasses import dataclass
from pathlib import Path

from grader.course import paths as course
from grader.files import write_atomically
from grader.results import Result

RESULTS = "results.jsonl"
LOCK = ".lock"


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

    @property
    def key(self) -> tuple[str, str]:
        return (self.learner, self.exercise)

    def to_line(self) -> str:
        batch = {"learner": self.learner, "path": self.path, "sha256": self.sha256,
                 "suite_version": self.suite_version, "seed_requested": self.seed_requested}
        if self.grader_failure:
            batch["grader_failure"] = self.grader_failure
        return json.dumps({**self.result.to_dict(), "batch": batch}, ensure_ascii=False) + "\n"

    @classmethod
    def from_line(cls, line: str) -> Record:
        data = json.loads(line)
        batch = data.pop("batch")
        result = Result.from_dict(data)
        return cls(learner=batch["learner"], exercise=result.exercise, path=batch["path"],
                   sha256=batch["sha256"], suite_version=batch["suite_version"],
                   seed_requested=batch.get("seed_requested"), result=result,
                   grader_failure=batch.get("grader_failure"))


def content_hash(source: bytes) -> str:
    return hashlib.sha256(source).hexdigest()


def suite_version(exercise: str) -> str | None:
    """A hash of the suite, the helper modules it imports from suites/ and the reference
    solution: it changes when any of them changes. None when the suite is missing."""
    digest = hashlib.sha256()
    try:
        suite = course.suite_path(exercise).read_bytes()
        paths = [*_suite_helpers(suite), course.solution_path(exercise)]
        digest.update(suite + b"\0")
        for path in paths:
            digest.update(path.read_bytes() + b"\0")
    except OSError:
        return None
    return digest.hexdigest()[:16]


def _suite_helpers(suite: bytes) -> list[Path]:
    """suites/<name>.py for each `from grader.course.suites import <name>` or
    `from grader.course.suites.<name> import ...` in the suite."""
    package = "grader.course.suites"
    names = set()
    try:
        tree = ast.parse(suite)
    except (SyntaxError, ValueError):
        return []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == package:
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(package + "."):
            names.add(node.module.removeprefix(package + ".").split(".")[0])
        elif isinstance(node, ast.Import):
            names.update(a.name.removeprefix(package + ".").split(".")[0] for a in node.names
                         if a.name.startswith(package + "."))
    return [course.SUITES_DIR / f"{name}.py" for name in sorted(names)
            if (course.SUITES_DIR / f"{name}.py").is_file()]


class Store:
    def __init__(self, out: Path) -> None:
        self.path = out / RESULTS

    def load(self) -> dict[tuple[str, str], Record]:
        """The latest record per learner and exercise; a damaged last line is cut off."""
        if not self.path.exists():
            return {}
        self._cut_partial_line()
        records: dict[tuple[str, str], Record] = {}
        with self.path.open(encoding="utf-8", errors="replace") as file:
            for line in file:
                if not line.strip():
                    continue
                try:
                    record = Record.from_line(line)
                except (ValueError, KeyError, TypeError):
                    continue  # its submission is graded again, unless another line holds it
                records[record.key] = record
        return records

    def append(self, record: Record) -> None:
        data = record.to_line().encode("utf-8")
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)

    def rewrite(self, records: list[Record]) -> None:
        write_atomically(self.path, "".join(record.to_line() for record in records))

    def _cut_partial_line(self) -> None:
        with self.path.open("rb+") as file:
            size = file.seek(0, os.SEEK_END)
            if size == 0:
                return
            file.seek(size - 1)
            if file.read(1) == b"\n":
                return
            file.seek(0)
            file.truncate(file.read().rfind(b"\n") + 1)


def remove_leftover_temporaries(out: Path) -> None:
    """Temporary files of a run killed while writing (`write_atomically` names them .*.tmp)."""
    for leftover in out.rglob(".*.tmp"):
        leftover.unlink(missing_ok=True)


@contextlib.contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold OUT for this run. The kernel drops the lock when the process dies, so a lock file
    left by a killed run is stale by construction and never blocks the next one."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / LOCK
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", errors="replace").strip()
            raise Locked(f"another `grader report` is writing to {out} ({holder or 'unknown'}). "
                         "Wait for it to finish, or stop it, then run this again.") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()} on {socket.gethostname()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)
