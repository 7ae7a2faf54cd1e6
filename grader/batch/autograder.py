"""Gradescope's autograder, the grading side: `grader gradescope run`, which the bundle's
`run_autograder` calls once per submission, in a fresh container, as root.

ROOT is laid out as Gradescope lays out `/autograder`: the bundle unpacked in `source/` (its
settings in `source/nn-grader.json`), the learner's files in `submission/`, and the answer to
write in `results/results.json`; the bundle's setup.sh installed the grader in `nn-grader/`.
Each exercise of the assignment is graded as `grader check` grades a file (a worker, the learner
process in the strongest sandbox that starts here, the same limits), and the answer follows
gradescope.py's rules: hidden tests as the bundle says (by default after the due date), the
learner's output cut to `OUTPUT_CHARS` an exercise, a missing file a 0 with a message saying
which name was expected and what the submission held.

Before any learner code runs, the isolation level it would run at is tried: one where it would
keep the grader's own uid (root, where bubblewrap cannot start and uid 65534 cannot read Python)
could rewrite its own results.json, so the run refuses it and says the autograder is broken. At
the `process` level as uid 65534 it is accepted: setup.sh made the suites and solutions readable
by root alone, and a container holds no other learner's files.

results.json is written before the first exercise and again after each one, every exercise not
yet graded shown as 0 with a message: if Gradescope stops the run at its time limit, the learner
sees what was graded and why the rest was not, rather than a bare failure. Everything for the
instructor (which file, seed and isolation level each grade came from, grader failures) goes to
stdout, which Gradescope shows to instructors only, and to `extra_data`.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from grader import __version__
from grader.batch import gradescope, layout
from grader.batch.store import suite_version
from grader.boundary import process
from grader.boundary.launch import ENVIRONMENT_KEY
from grader.core import grading
from grader.course import catalog
from grader.files import write_atomically
from grader.render.text import printable, printable_line
from grader.results import Result, Status, Visibility
from grader.wording import counted

CONFIG = "nn-grader.json"
LEARNER = "your submission"  # how layout's reasons name the submission's folder
OUTPUT_CHARS = 4000
SHOWN_FILES = 10
HIDDEN_CHOICES = ("after_due_date", "after_published", "visible")
_WHEN = {"after_due_date": "shown after the due date",
         "after_published": "shown when your instructor publishes the grades"}
PENDING = ("The autograder stopped before it graded this exercise, most likely because it ran "
           "out of time. Submit again; if this happens again, tell your instructor.")


class ConfigError(Exception):
    """The bundle's settings cannot be used: the autograder is broken, not the submission."""


@dataclass(frozen=True)
class Settings:
    """What `grader gradescope build` decided, read back by every run."""

    exercises: tuple[str, ...]
    hidden: str = "after_due_date"
    grader_version: str = __version__

    def to_json(self) -> str:
        return json.dumps({"exercises": list(self.exercises), "hidden": self.hidden,
                           "grader_version": self.grader_version}, indent=2) + "\n"

    @classmethod
    def load(cls, path: Path) -> Settings:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            settings = cls(tuple(data["exercises"]), data["hidden"], data["grader_version"])
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise ConfigError(f"{path} cannot be read as the bundle's settings ({error})") \
                from None
        if settings.grader_version != __version__:
            raise ConfigError(f"the bundle was built for nn-grader {settings.grader_version}, "
                              f"and nn-grader {__version__} is installed")
        unknown = [name for name in settings.exercises if name not in catalog.names()]
        if unknown or not settings.exercises or settings.hidden not in HIDDEN_CHOICES:
            raise ConfigError(f"{path} names exercises {list(settings.exercises)} and hidden "
                              f"tests {settings.hidden!r}, which this grader does not know")
        return settings


@dataclass(frozen=True)
class Graded:
    exercise: catalog.Exercise
    result: Result | None  # None: no file for it
    path: str | None = None  # the file graded, inside the submission
    failure: str | None = None  # the grader failed (not the learner's code)


@dataclass(frozen=True)
class Outcome:
    graded: tuple[Graded, ...]

    @property
    def failures(self) -> list[Graded]:
        return [item for item in self.graded if item.failure]


def run(root: Path, log: TextIO) -> Outcome:
    """Grade ROOT/submission into ROOT/results/results.json. Raises ConfigError (after
    writing a results.json that says the autograder is broken) if the bundle cannot be used."""
    started = time.monotonic()
    results = root / "results" / "results.json"
    try:
        settings = Settings.load(root / "source" / CONFIG)
        found = _submission(root, settings, log)
        if found.submissions:
            _check_isolation()
    except ConfigError as error:
        _write(root, results, broken(str(error)))
        raise
    files = {submission.exercise: submission for submission in found.submissions}
    graded: list[Graded] = []
    for name in settings.exercises:
        _write(root, results, answer(settings, graded, found, time.monotonic() - started))
        exercise, submission = catalog.get(name), files.get(name)
        graded.append(_grade(exercise, submission) if submission else Graded(exercise, None))
        print(printable_line(_log_line(graded[-1])), file=log)
    final = answer(settings, graded, found, time.monotonic() - started)
    _write(root, results, final)
    total = sum(catalog.get(name).points for name in settings.exercises)
    print(f"results.json: {final['score']:g}/{total:g} in {final['execution_time']:.1f} s",
          file=log)
    return Outcome(tuple(graded))


def _submission(root: Path, settings: Settings, log: TextIO) -> layout.Discovery:
    """The learner's files, read as a class folder's are; none when there is no folder."""
    try:
        found = layout.discover_one(root / "submission", list(settings.exercises), LEARNER)
    except layout.InputError as error:
        print(f"no submission to grade: {error}", file=log)
        return layout.Discovery(str(root / "submission"), "one learner's files")
    for skipped in found.skipped:
        print(printable_line(f"not graded: {skipped.path}: {skipped.reason}"), file=log)
    return found


def _check_isolation() -> None:
    """Refuse a level at which the learner's code would run as the grader's own uid."""
    forced = os.environ.get(ENVIRONMENT_KEY) or None
    try:
        level, _ = process.working_level(forced)
    except (ValueError, process.StartFailed) as error:
        raise ConfigError(f"learner code cannot be started here: {error}") from None
    if not level.safe and level.uid is None:
        raise ConfigError(f"learner code would run at the {level.key!r} isolation level here, "
                          f"where {level.unsafe_reason}: it could rewrite its own grade. Make "
                          "bubblewrap work in the image, or Python readable by uid 65534")


def _grade(exercise: catalog.Exercise, submission: layout.Submission) -> Graded:
    seed = grading.submission_seed(submission.source, suite_version(exercise.name))
    problem = layout.vet(submission)
    if problem is not None:
        return Graded(exercise, grading.file_error(exercise, submission.label, problem, seed),
                      submission.path)
    try:
        result = grading.grade_source(submission.source, submission.label, exercise, seed=seed)
    except grading.GraderFailure as failure:
        message = (f"The grader failed on this file ({failure}). This is not your fault: ask "
                   "your instructor to regrade your submission.")
        return Graded(exercise, grading.file_error(exercise, submission.label, message, seed),
                      submission.path, str(failure))
    return Graded(exercise, result, submission.path)


def _log_line(item: Graded) -> str:
    if item.result is None:
        return f"{item.exercise.name}: no file"
    result = item.result
    line = (f"{item.exercise.name}: {item.path}: {result.status.value} "
            f"{result.score:g}/{result.max_score:g}, seed {result.seed}, isolation: "
            f"{result.isolation or 'none (no code was run)'}")
    return line + (f"; GRADER FAILURE: {item.failure}" if item.failure else "")


def answer(settings: Settings, graded: list[Graded], found: layout.Discovery,
           seconds: float) -> dict:
    """results.json for what is graded so far; the exercises still to come are 0, pending."""
    tests: list[dict] = []
    done = {item.exercise.name: item for item in graded}
    for number, name in enumerate(settings.exercises, start=1):
        exercise = catalog.get(name)
        item = done.get(name)
        if item is None:
            tests.append(gradescope.entry(f"{exercise.title}: not graded", f"{number}", 0.0,
                                          float(exercise.points), "failed", PENDING, name))
        elif item.result is None:
            tests.append(gradescope.missing_entry(exercise, number, missing(exercise, found)))
        else:
            tests += gradescope.result_entries(item.result, number, hidden=settings.hidden)
    return {
        "score": round(sum(test["score"] for test in tests), 6),
        "execution_time": round(seconds, 3),
        "output": _summary(settings, graded, found),
        "output_format": gradescope.TEXT,
        "test_output_format": gradescope.TEXT,
        "test_name_format": gradescope.TEXT,
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": tests,
        "extra_data": {"grader": f"nn-grader {__version__}", "exercises": {
            item.exercise.name: _extra(item) for item in graded}},
    }


def missing(exercise: catalog.Exercise, found: layout.Discovery) -> str:
    """Why an exercise is 0 for want of a file, and what the submission held instead."""
    held = sorted({s.path for s in found.submissions} | {s.path for s in found.skipped})
    message = (f"No file named {exercise.name}.py was found in your submission, so "
               f"{exercise.title} gets 0 points. Submit your code for it in a file named "
               f"{exercise.name}.py.")
    if not held:
        return message + " Your submission holds no files."
    shown = ", ".join(printable_line(path) for path in held[:SHOWN_FILES])
    if len(held) <= SHOWN_FILES:
        return f"{message} Your submission holds: {shown}."
    return message + " " + counted(len(held) - SHOWN_FILES,
                                   "Your submission holds: {shown} and {n} more file.",
                                   "Your submission holds: {shown} and {n} more files.",
                                   shown=shown)


def _summary(settings: Settings, graded: list[Graded], found: layout.Discovery) -> str:
    lines = [counted(len(settings.exercises), "nn-grader {version} grades {n} exercise in this "
                     "assignment.", "nn-grader {version} grades {n} exercises in this "
                     "assignment.", version=__version__)]
    for item in graded:
        lines.append(_summary_line(item, settings.hidden))
    lines += [printable_line(f"Not graded: {s.path}: {s.reason}.")
              for s in found.skipped[:SHOWN_FILES]]
    if len(found.skipped) > SHOWN_FILES:
        lines.append(counted(len(found.skipped) - SHOWN_FILES, "One more file was not graded.",
                             "{n} more files were not graded."))
    for item in graded:
        if item.result is not None and item.result.output.strip():
            lines += ["", *_printed(item.result)]
    return "\n".join(lines)


def _summary_line(item: Graded, hidden: str) -> str:
    exercise, result = item.exercise, item.result
    if result is None:
        return f"{exercise.title}: no file named {exercise.name}.py, 0 points."
    where = printable_line(f"{exercise.title} ({item.path})")
    if result.status is Status.ERROR or not result.tests:
        return f"{where}: could not be graded; its test below says why."
    if hidden == "visible":
        return f"{where}: {result.score:g}/{result.max_score:g}."
    shown = [t for t in result.tests if t.visibility is Visibility.VISIBLE]
    passed = sum(t.status is Status.PASSED for t in shown)
    kept = len(result.tests) - len(shown)
    if not kept:
        return f"{where}: {passed} of {len(shown)} tests passed."
    return counted(kept, "{where}: {passed} of {visible} visible tests passed; its hidden test "
                         "is {when}.",
                   "{where}: {passed} of {visible} visible tests passed; its {n} hidden tests "
                   "are {when}.", where=where, passed=passed, visible=len(shown),
                   when=_WHEN[hidden])


def _printed(result: Result) -> list[str]:
    """What the learner's code printed, cut to OUTPUT_CHARS, control characters escaped."""
    text, name = result.output, printable_line(result.submission)
    if len(text) <= OUTPUT_CHARS:
        return [f"What {name} printed:", printable(text.rstrip())]
    return [f"What {name} printed (the first {OUTPUT_CHARS:,} of its {len(text):,} "
            "characters):", printable(text[:OUTPUT_CHARS].rstrip())]


def _extra(item: Graded) -> dict:
    if item.result is None:
        return {"file": None}
    return {"file": item.path, "status": item.result.status.value, "seed": item.result.seed,
            "isolation": item.result.isolation, "grader_failure": item.failure}


def broken(reason: str) -> dict:
    """results.json when the bundle itself is broken: nothing graded, and the learner told
    it is not their doing."""
    return {"score": 0.0, "output": "The autograder is not set up correctly, so nothing was "
            "graded. This is not your fault: tell your instructor, who can see why in the "
            "autograder's output.", "output_format": gradescope.TEXT, "visibility": "visible",
            "stdout_visibility": "hidden", "tests": [],
            "extra_data": {"grader": f"nn-grader {__version__}", "error": reason}}


def _write(root: Path, results: Path, data: dict) -> None:
    write_atomically(results, json.dumps(data, indent=2, ensure_ascii=False) + "\n", below=root)
