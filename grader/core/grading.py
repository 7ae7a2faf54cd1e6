"""Grade one submission: read and vet the file, then run the suite in a separate worker process.

Nothing here imports the learner's code or the suite. Problems with the file itself (missing,
empty, binary, too large) become graded errors with a message, so a batch never stops on one.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
from dataclasses import asdict
from pathlib import Path

from grader import __version__
from grader.boundary.launch import ENVIRONMENT_KEY, Limits, make_undumpable, python_command
from grader.course import catalog
from grader.results import Result, Status, timestamp

MAX_SOURCE_BYTES = 1024 * 1024
WORKER_GRACE_SECONDS = 60.0


class GraderFailure(Exception):
    """The grader itself failed (not the learner's code): exit code 3.

    A learner's code, however strange, is graded; reaching this is a bug in the grader, so the
    message says so and what to send with a report (`how_to_report`)."""

    def __init__(self, message: str, seed: int | None = None) -> None:
        super().__init__(message)
        self.seed = seed

    def how_to_report(self) -> str:
        if self.seed is None:
            return (f"This is a bug in nn-grader {__version__}, not a problem with the code "
                    "that was checked. Please report it to your instructor or to the course's "
                    "maintainers, with this message and the file that was checked.")
        return (f"This is a bug in nn-grader {__version__}, not a problem with the code that "
                "was checked. Please report it to your instructor or to the course's "
                "maintainers, with this message and the file that was checked; `grader check "
                f"FILE --seed {self.seed}` repeats this run.")


def exercise_for(path: Path, exercise: str | None) -> catalog.Exercise:
    """The exercise a file is for: named explicitly, or taken from the file name."""
    return catalog.get(exercise if exercise is not None else path.stem)


def grade(path: Path, exercise: str | None = None, *, seed: int | None = None,
          limits: Limits | None = None) -> Result:
    chosen = exercise_for(path, exercise)
    return grade_source(path.read_bytes(), path.name, chosen, seed=seed, limits=limits)


def grade_source(source: bytes, label: str, exercise: catalog.Exercise, *,
                 seed: int | None = None, limits: Limits | None = None) -> Result:
    limits = limits or Limits()
    seed = secrets.randbits(32) if seed is None else seed
    problem = vet_source(source)
    if problem is not None:
        return file_error(exercise, label, problem, seed)
    return _run_worker(make_job(source, label, exercise, seed, limits), limits)


def make_job(source: bytes, label: str, exercise: catalog.Exercise, seed: int,
             limits: Limits) -> dict:
    """What a worker needs to grade one vetted file (`worker.run` takes it); plain JSON."""
    return {"exercise": exercise.name, "label": label, "seed": seed,
            "source": source.decode("utf-8"), "limits": asdict(limits),
            "isolation": os.environ.get(ENVIRONMENT_KEY) or None}


def worker_budget(limits: Limits) -> float:
    """The outer wall-clock guard for one worker: its own limits plus a grace period."""
    return limits.submission_seconds + limits.import_seconds + WORKER_GRACE_SECONDS


def worker_env() -> dict[str, str]:
    """The whole environment of a trusted grading process: nothing of the caller's settings."""
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8",
            "TMPDIR": os.environ.get("TMPDIR", "/tmp"), "OPENBLAS_NUM_THREADS": "1"}


def vet_source(source: bytes) -> str | None:
    """Why a file cannot be graded at all, or None if it can."""
    if len(source) > MAX_SOURCE_BYTES:
        return (f"The file is {len(source) // 1024} KiB; a submission may be at most "
                f"{MAX_SOURCE_BYTES // 1024} KiB. Did you submit the right file?")
    if not source.strip():
        return "The file is empty. Write your code in it, save it, and check again."
    if b"\x00" in source:
        return "The file is not Python source text (it contains binary data)."
    try:
        source.decode("utf-8")
    except UnicodeDecodeError as error:
        return (f"The file is not UTF-8 text (byte {error.start} cannot be read). "
                "Save it as UTF-8 in your editor.")
    return None


def file_error(exercise: catalog.Exercise, label: str, message: str, seed: int) -> Result:
    return Result(exercise=exercise.name, title=exercise.title, submission=label,
                  status=Status.ERROR, score=0.0, max_score=float(exercise.points),
                  message=message, seed=seed, grader_version=__version__,
                  graded_at=timestamp())


def _run_worker(job: dict, limits: Limits) -> Result:
    make_undumpable()
    env = worker_env()
    budget = worker_budget(limits)
    try:
        worker = subprocess.run(
            python_command("from grader.core.worker import main; main()"),
            input=json.dumps(job).encode(), capture_output=True, env=env, timeout=budget,
            check=False)
    except subprocess.TimeoutExpired:
        raise GraderFailure(f"grading did not finish within {budget:g} s", job["seed"]) \
            from None
    if worker.returncode != 0:
        tail = worker.stderr.decode("utf-8", errors="replace").strip()[-3000:]
        raise GraderFailure(f"the grading process failed (exit code {worker.returncode})"
                            + (f":\n{tail}" if tail else ""), job["seed"])
    try:
        return Result.from_json(worker.stdout.decode("utf-8"))
    except (ValueError, KeyError, TypeError) as error:
        raise GraderFailure(f"the grading process sent an unreadable result ({error})",
                            job["seed"]) from None
