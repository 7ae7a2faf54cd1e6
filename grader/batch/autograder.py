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

from grader import __version__, i18n
from grader.batch import gradescope, layout
from grader.batch.store import suite_version
from grader.boundary import process
from grader.boundary.launch import ENVIRONMENT_KEY
from grader.core import grading
from grader.course import catalog
from grader.files import write_atomically
from grader.i18n import N_, _, counted
from grader.render.text import printable, printable_line
from grader.results import Result, Status, Visibility

CONFIG = "nn-grader.json"
LEARNER = N_("your submission")  # how layout's reasons name the submission's folder
OUTPUT_CHARS = 4000
SHOWN_FILES = 10
HIDDEN_CHOICES = ("after_due_date", "after_published", "visible")
PENDING = N_("The autograder stopped before it graded this exercise, most likely because it "
             "ran out of time. Submit again; if this happens again, tell your instructor.")


class ConfigError(Exception):
    """The bundle's settings cannot be used: the autograder is broken, not the submission."""


@dataclass(frozen=True)
class Settings:
    """What `grader gradescope build` decided, read back by every run."""

    exercises: tuple[str, ...]
    hidden: str = "after_due_date"
    grader_version: str = __version__
    lang: str = i18n.ENGLISH  # what learners read: the language the bundle was built in

    def to_json(self) -> str:
        return json.dumps({"exercises": list(self.exercises), "hidden": self.hidden,
                           "grader_version": self.grader_version, "lang": self.lang},
                          indent=2) + "\n"

    @classmethod
    def load(cls, path: Path) -> Settings:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            settings = cls(tuple(data["exercises"]), data["hidden"], data["grader_version"],
                           data.get("lang", i18n.ENGLISH))
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise ConfigError(_("{path} cannot be read as the bundle's settings ({error})").format(
                path=path, error=error)) from None
        if settings.grader_version != __version__:
            raise ConfigError(_("the bundle was built for nn-grader {built}, and nn-grader "
                                "{installed} is installed").format(
                                    built=settings.grader_version, installed=__version__))
        unknown = [name for name in settings.exercises if name not in catalog.names()]
        if unknown or not settings.exercises or settings.hidden not in HIDDEN_CHOICES \
                or settings.lang not in i18n.LANGUAGES:
            raise ConfigError(_("{path} names exercises {exercises}, hidden tests {hidden!r} "
                                "and language {lang!r}, which this grader does not know").format(
                                    path=path, exercises=list(settings.exercises),
                                    hidden=settings.hidden, lang=settings.lang))
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
        i18n.use(settings.lang)
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
    print(_("results.json: {score}/{total} in {seconds} s").format(
        score=f"{final['score']:g}", total=f"{total:g}",
        seconds=f"{final['execution_time']:.1f}"), file=log)
    return Outcome(tuple(graded))


def _submission(root: Path, settings: Settings, log: TextIO) -> layout.Discovery:
    """The learner's files, read as a class folder's are; none when there is no folder."""
    try:
        found = layout.discover_one(root / "submission", list(settings.exercises), _(LEARNER))
    except layout.InputError as error:
        print(_("no submission to grade: {error}").format(error=error), file=log)
        return layout.Discovery(str(root / "submission"), layout.ONE_LEARNER)
    for skipped in found.skipped:
        print(printable_line(_("not graded: {path}: {reason}").format(
            path=skipped.path, reason=skipped.reason)), file=log)
    return found


def _check_isolation() -> None:
    """Refuse a level at which the learner's code would run as the grader's own uid."""
    forced = os.environ.get(ENVIRONMENT_KEY) or None
    try:
        level = process.working_level(forced)[0]
    except (ValueError, process.StartFailed) as error:
        raise ConfigError(_("learner code cannot be started here: {error}").format(
            error=error)) from None
    if not level.safe and level.uid is None:
        raise ConfigError(_("learner code would run at the {level!r} isolation level here, "
                            "where {reason}: it could rewrite its own grade. Make bubblewrap "
                            "work in the image, or Python readable by uid 65534").format(
                                level=level.key, reason=level.why_unsafe()))


def _grade(exercise: catalog.Exercise, submission: layout.Submission) -> Graded:
    seed = grading.submission_seed(submission.source, suite_version(exercise.name))
    problem = layout.vet(submission)
    if problem is not None:
        return Graded(exercise, grading.file_error(exercise, submission.label, problem, seed),
                      submission.path)
    try:
        result = grading.grade_source(submission.source, submission.label, exercise, seed=seed)
    except grading.GraderFailure as failure:
        message = _("The grader failed on this file ({failure}). This is not your fault: ask "
                    "your instructor to regrade your submission.").format(failure=failure)
        return Graded(exercise, grading.file_error(exercise, submission.label, message, seed),
                      submission.path, str(failure))
    return Graded(exercise, result, submission.path)


def _log_line(item: Graded) -> str:
    if item.result is None:
        return _("{exercise}: no file").format(exercise=item.exercise.name)
    result = item.result
    line = _("{exercise}: {path}: {status} {score}/{max_score}, seed {seed}, isolation: "
             "{isolation}").format(
                 exercise=item.exercise.name, path=item.path, status=result.status.value,
                 score=f"{result.score:g}", max_score=f"{result.max_score:g}", seed=result.seed,
                 isolation=result.isolation or _("none (no code was run)"))
    return line + (_("; GRADER FAILURE: {failure}").format(failure=item.failure)
                   if item.failure else "")


def answer(settings: Settings, graded: list[Graded], found: layout.Discovery,
           seconds: float) -> dict:
    """results.json for what is graded so far; the exercises still to come are 0, pending."""
    tests: list[dict] = []
    done = {item.exercise.name: item for item in graded}
    for number, name in enumerate(settings.exercises, start=1):
        exercise = catalog.get(name)
        item = done.get(name)
        if item is None:
            tests.append(gradescope.entry(_("{title}: not graded").format(
                title=_(exercise.title)), f"{number}", 0.0, float(exercise.points), "failed",
                _(PENDING), name))
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
    message = _("No file named {name}.py was found in your submission, so {title} gets 0 "
                "points. Submit your code for it in a file named {name}.py.").format(
                    name=exercise.name, title=_(exercise.title))
    if not held:
        return message + " " + _("Your submission holds no files.")
    shown = ", ".join(printable_line(path) for path in held[:SHOWN_FILES])
    if len(held) <= SHOWN_FILES:
        return message + " " + _("Your submission holds: {shown}.").format(shown=shown)
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
    lines += [printable_line(_("Not graded: {path}: {reason}.").format(path=s.path,
                                                                      reason=s.reason))
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
    title = _(exercise.title)
    if result is None:
        return _("{title}: no file named {name}.py, 0 points.").format(title=title,
                                                                        name=exercise.name)
    where = printable_line(f"{title} ({item.path})")
    if result.status is Status.ERROR or not result.tests:
        return _("{where}: could not be graded; its test below says why.").format(where=where)
    if hidden == "visible":
        return f"{where}: {result.score:g}/{result.max_score:g}."
    shown = [t for t in result.tests if t.visibility is Visibility.VISIBLE]
    passed = sum(t.status is Status.PASSED for t in shown)
    kept = len(result.tests) - len(shown)
    if not kept:
        return _("{where}: {passed} of {n} tests passed.").format(where=where, passed=passed,
                                                                   n=len(shown))
    if hidden == "after_due_date":
        return counted(kept, "{where}: {passed} of {visible} visible tests passed; its hidden "
                       "test is shown after the due date.",
                       "{where}: {passed} of {visible} visible tests passed; its {n} hidden "
                       "tests are shown after the due date.",
                       where=where, passed=passed, visible=len(shown))
    return counted(kept, "{where}: {passed} of {visible} visible tests passed; its hidden test "
                   "is shown when your instructor publishes the grades.",
                   "{where}: {passed} of {visible} visible tests passed; its {n} hidden tests "
                   "are shown when your instructor publishes the grades.",
                   where=where, passed=passed, visible=len(shown))


def _printed(result: Result) -> list[str]:
    """What the learner's code printed, cut to OUTPUT_CHARS, control characters escaped."""
    text, name = result.output, printable_line(result.submission)
    if len(text) <= OUTPUT_CHARS:
        return [_("What {file} printed:").format(file=name), printable(text.rstrip())]
    return [_("What {file} printed (the first {shown:,} of its {size:,} characters):").format(
        file=name, shown=OUTPUT_CHARS, size=len(text)), printable(text[:OUTPUT_CHARS].rstrip())]


def _extra(item: Graded) -> dict:
    if item.result is None:
        return {"file": None}
    return {"file": item.path, "status": item.result.status.value, "seed": item.result.seed,
            "isolation": item.result.isolation, "grader_failure": item.failure}


def broken(reason: str) -> dict:
    """results.json when the bundle itself is broken: nothing graded, and the learner told
    it is not their doing."""
    return {"score": 0.0, "output": _(
        "The autograder is not set up correctly, so nothing was graded. This is not your fault: "
        "tell your instructor, who can see why in the autograder's output."),
            "output_format": gradescope.TEXT, "visibility": "visible",
            "stdout_visibility": "hidden", "tests": [],
            "extra_data": {"grader": f"nn-grader {__version__}", "error": reason}}


def _write(root: Path, results: Path, data: dict) -> None:
    write_atomically(results, json.dumps(data, indent=2, ensure_ascii=False) + "\n", below=root)
