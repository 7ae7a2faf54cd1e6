"""`grader dev mutate`: how many slips in each reference solution its suite catches.

Each mutant of a solution (mutants.py) is graded as a learner's file would be: in the sandbox,
through the batch pool, with the seed `grader check` would give it. It is killed when it scores
below full marks, errs or times out; it survived when it gets full marks, and then the suite lets
that slip through. A mutant that course.toml marks as equivalent (it computes what the solution
computes, so no suite can tell) is left out of the score.

The solution itself is graded too: a suite it does not pass kills every mutant and proves
nothing. Outcomes are cached by content hash (the mutant, the suite's version, the grader's and
NumPy's versions, the seed and the limits) in the user's cache folder, never in the course, so
a rerun after strengthening one suite grades only that exercise's mutants again.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
from collections.abc import Iterable
from concurrent.futures import BrokenExecutor, CancelledError, Future, as_completed
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TextIO

import numpy

from grader import __version__, i18n
from grader.batch import store
from grader.batch.executor import ForkServerExecutor, TaskFailed, run_job
from grader.batch.progressbar import ProgressBar
from grader.boundary.launch import Limits
from grader.core import grading
from grader.course import catalog
from grader.course.mutants import CAP, Mutant, mutants
from grader.files import write_atomically
from grader.i18n import N_, _, counted
from grader.render import wrap
from grader.render.text import printable_line, shown_path
from grader.results import Result, Status

MIN_SCORE = 95.0
HEADER = (N_("exercise"), N_("made"), N_("equivalent"), N_("killed"), N_("survived"),
          N_("score"))
CACHE_ENV = "NN_GRADER_CACHE"


class PoolFailed(Exception):
    """The grading pool itself broke (a grader failure, not the course's)."""


@dataclass(frozen=True)
class Graded:
    """What grading one file gave: whether it got full marks, and if not, why (the first
    failure, or the grader's failure on it)."""

    full_marks: bool
    why: str


@dataclass(frozen=True)
class Outcome:
    mutant: Mutant
    graded: Graded
    equivalent: str | None  # the reason course.toml gives, when it marks the mutant

    @property
    def killed(self) -> bool:
        return not self.graded.full_marks


@dataclass(frozen=True)
class Row:
    """One exercise: its mutants' outcomes, and what is wrong beyond survivors."""

    exercise: catalog.Exercise
    solution_path: Path
    solution: str
    total: int  # mutants made before sampling
    outcomes: tuple[Outcome, ...]
    problems: tuple[str, ...]

    @property
    def equivalent(self) -> int:
        return sum(outcome.equivalent is not None for outcome in self.outcomes)

    @property
    def killed(self) -> int:
        return sum(outcome.killed for outcome in self.outcomes if outcome.equivalent is None)

    @property
    def survivors(self) -> tuple[Outcome, ...]:
        return tuple(outcome for outcome in self.outcomes
                     if outcome.equivalent is None and not outcome.killed)

    @property
    def counted(self) -> int:
        return len(self.outcomes) - self.equivalent

    @property
    def score(self) -> float:
        """The percentage of counted mutants killed (100 when none counts)."""
        return 100.0 * self.killed / self.counted if self.counted else 100.0


@dataclass(frozen=True)
class Report:
    course: catalog.Course
    rows: tuple[Row, ...]
    min_score: float

    def reached(self, row: Row) -> bool:
        return not row.problems and row.score >= self.min_score

    @property
    def ok(self) -> bool:
        return all(self.reached(row) for row in self.rows)

    @property
    def total(self) -> tuple[int, int, int, int]:
        """Mutants made, equivalent, killed and survived in all the exercises."""
        return (sum(len(row.outcomes) for row in self.rows),
                sum(row.equivalent for row in self.rows),
                sum(row.killed for row in self.rows),
                sum(len(row.survivors) for row in self.rows))


def cache_dir() -> Path:
    """Where outcomes are kept between runs: $NN_GRADER_CACHE, else the user's cache folder."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV]) / "mutate"
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "nn-grader" / "mutate"


def run(course: catalog.Course, names: Iterable[str] = (), *, jobs: int | None = None,
        seed: int | None = None, min_score: float = MIN_SCORE, progress: TextIO | None = None,
        limits: Limits | None = None, cache: Path | None = None, cap: int = CAP) -> Report:
    """Make, grade and tally the mutants of the course's solutions (those of `names`, default
    all). Raises `catalog.UnknownExercise` for a name the course does not have, `PoolFailed`
    when the pool breaks."""
    chosen = [course.get(name) for name in dict.fromkeys(names)] or list(course.exercises)
    limits = limits or Limits()
    cache = cache or cache_dir()
    with catalog.using(course):
        plans = [_plan(course, exercise, cap) for exercise in chosen]
        work = [(exercise, source) for exercise, _, text, made, _ in plans if made is not None
                for source in (text, *(mutant.source for mutant in made.made))]
        graded = iter(_grade(work, jobs, seed, limits, progress, cache))
    rows = []
    for exercise, path, text, made, problem in plans:
        if made is None:
            rows.append(Row(exercise, path, text, 0, (), (problem,)))
            continue
        baseline = next(graded)
        marked = {entry.mutant: entry.reason for entry in exercise.equivalent}
        outcomes = tuple(Outcome(mutant, next(graded), marked.get(mutant.id))
                         for mutant in made.made)
        problems = []
        if not baseline.full_marks:
            problems.append(_("the solution itself does not get full marks ({why}), so its "
                              "mutants prove nothing; run `grader dev check` and fix it "
                              "first.").format(why=baseline.why))
        ids = {mutant.id for mutant in made.made}
        problems += [_("course.toml marks {mutant} as equivalent, but no mutant of the "
                       "solution has that id now; remove the entry, or mark the mutant printed "
                       "for the same change.").format(mutant=entry.mutant)
                     for entry in exercise.equivalent
                     if entry.mutant not in ids and made.total <= cap]
        problems += [_("course.toml marks {mutant} as equivalent, but the suite kills it "
                       "({why}); it is not equivalent, so remove the entry.").format(
                           mutant=outcome.mutant.id, why=outcome.graded.why)
                     for outcome in outcomes
                     if outcome.equivalent is not None and outcome.killed]
        rows.append(Row(exercise, path, text, made.total, outcomes, tuple(problems)))
    return Report(course, tuple(rows), min_score)


def _plan(course: catalog.Course, exercise: catalog.Exercise, cap: int):
    """(exercise, solution path, its text, its mutants or None, why there are none)."""
    path = course.solution_path(exercise.name)
    try:
        text = path.read_text(encoding="utf-8")
        stub = _stub_text(course, exercise)
        return exercise, path, text, mutants(text, cap=cap, stub=stub), ""
    except (OSError, UnicodeDecodeError) as error:
        return exercise, path, "", None, _("the solution {path} cannot be read: {error}.").format(
            path=path, error=error)
    except SyntaxError as error:
        return exercise, path, "", None, _("the solution {path} is not valid Python (line "
                                           "{line}: {error}).").format(path=path,
                                                                       line=error.lineno,
                                                                       error=error.msg)


def _stub_text(course: catalog.Course, exercise: catalog.Exercise) -> str | None:
    try:
        return course.stub_path(exercise.name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _grade(work: list[tuple[catalog.Exercise, str]], jobs: int | None, seed: int | None,
           limits: Limits, progress: TextIO | None, cache: Path) -> list[Graded]:
    """What each source got, in the order of `work`: from the cache, or graded in the pool
    (and then cached)."""
    seeds, keys = [], []
    for exercise, source in work:
        version = store.suite_version(exercise.name)
        seeds.append(grading.submission_seed(source.encode(), version) if seed is None else seed)
        keys.append(_key(source, version, seeds[-1], limits))
    graded = [_cached(cache, key) for key in keys]
    done = sum(item is not None for item in graded)
    bar = ProgressBar(progress, total=len(work), done=done) if progress is not None else None
    try:
        if done < len(work):
            _grade_in_pool(work, seeds, graded, keys, jobs, limits, bar, cache)
    finally:
        if bar is not None:
            bar.close()
    return [item for item in graded if item is not None]


def _grade_in_pool(work: list[tuple[catalog.Exercise, str]], seeds: list[int],
                   graded: list[Graded | None], keys: list[str], jobs: int | None,
                   limits: Limits, bar: ProgressBar | None, cache: Path) -> None:
    futures: dict[Future, int] = {}
    executor = ForkServerExecutor(jobs, task_seconds=grading.worker_budget(limits))
    try:
        for index, (exercise, text) in enumerate(work):
            if graded[index] is not None:
                continue
            source = text.encode()
            label = f"{exercise.name}.py"
            problem = grading.vet_source(source, label)
            if problem is not None:
                _done(index, Graded(False, problem), graded, keys, bar, cache)
                continue
            job = grading.make_job(source, label, exercise, seeds[index], limits)
            futures[executor.submit(run_job, job)] = index
        for future in as_completed(futures):
            index = futures[future]
            try:
                result = Result.from_dict(future.result())
                item = Graded(result.full_marks, "" if result.full_marks else _why(result))
            except TaskFailed as failure:
                item = Graded(False, _("timed out") if failure.timed_out
                              else _("the grader failed on it: {failure}").format(
                                  failure=failure))
            except (BrokenExecutor, CancelledError) as error:
                raise PoolFailed(_("the grading pool stopped: {error}").format(
                    error=error)) from None
            _done(index, item, graded, keys, bar, cache)
    finally:
        executor.shutdown(cancel_futures=True)


def _done(index: int, item: Graded, graded: list[Graded | None], keys: list[str],
          bar: ProgressBar | None, cache: Path) -> None:
    graded[index] = item
    _store(cache, keys[index], item)
    if bar is not None:
        bar.advance(full_marks=item.full_marks, error=False)


def _why(result: Result) -> str:
    """How a result fell short of full marks, in a few words."""
    if result.status is Status.ERROR:
        return _short(result.message or _("an error"))
    failed = next((test for test in result.tests if test.status is not Status.PASSED
                   and not test.optional), None)
    if failed is None:
        return _("{score:g} of {points:g} points").format(score=result.score,
                                                          points=result.max_score)
    return _("{score:g} of {points:g} points; \u201c{test}\u201d failed").format(
        score=result.score, points=result.max_score, test=failed.name)


def _short(text: str, size: int = 120) -> str:
    line = printable_line(" ".join(text.split()))
    return line if len(line) <= size else line[:size - 3] + "..."


# The cache: one small JSON file per graded source, named by the hash of all that decides it.

def _key(source: str, version: str | None, seed: int, limits: Limits) -> str:
    decided_by = json.dumps([__version__, numpy.__version__, version, seed, asdict(limits),
                             source, i18n.current()], sort_keys=True)  # `why` is in a language
    return hashlib.sha256(decided_by.encode("utf-8")).hexdigest()


def _cached(cache: Path, key: str) -> Graded | None:
    try:
        data = json.loads((cache / key[:2] / f"{key}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or type(data.get("full_marks")) is not bool \
            or not isinstance(data.get("why"), str):
        return None
    return Graded(data["full_marks"], data["why"])


def _store(cache: Path, key: str, item: Graded) -> None:
    """Keep an outcome for the next run; a cache that cannot be written only costs time."""
    try:
        write_atomically(cache / key[:2] / f"{key}.json", json.dumps(asdict(item)) + "\n",
                         below=cache.parent)
    except OSError:
        pass


# Rendering.

def render(report: Report, cwd: Path) -> str:
    """The table, each exercise's survivors as diffs, the problems, then the verdict."""
    header = tuple(_(word) for word in HEADER)
    rows = [(row.exercise.name, str(len(row.outcomes)), str(row.equivalent), str(row.killed),
             str(len(row.survivors)), _percent(row.score) if row.outcomes else "-")
            for row in report.rows]
    made, equivalent, killed, survived = report.total
    counted_all = made - equivalent
    total_score = 100.0 * killed / counted_all if counted_all else 100.0
    rows.append((_("total"), str(made), str(equivalent), str(killed), str(survived),
                 _percent(total_score)))
    widths = [max(wrap.columns(line[column]) for line in (header, *rows)) for column in range(6)]
    lines = ["  ".join(wrap.ljust(cell, width) if column == 0 else wrap.rjust(cell, width)
                       for column, (cell, width) in enumerate(zip(line, widths, strict=True)))
             .rstrip() for line in (header, *rows)]
    sampled = [row for row in report.rows if row.total > len(row.outcomes)]
    empty = [row.exercise.name for row in report.rows if not row.outcomes and not row.problems]
    if sampled or empty:
        lines.append("")
    if empty:
        lines.append(counted(len(empty), "{names}: its solution has no function body to mutate "
                             "(mutants are made in functions and methods only), so it counts "
                             "as reached.", "{names}: their solutions have no function body to "
                             "mutate (mutants are made in functions and methods only), so they "
                             "count as reached.", names=i18n.listing(empty)))
    lines += [counted(row.total, "{exercise}: {graded} of its {n} mutant was graded, chosen by "
                      "its id, the same on every run (--max-mutants grades more).",
                      "{exercise}: {graded} of its {n} mutants were graded, chosen by their "
                      "ids, the same ones on every run (--max-mutants grades more).",
                      exercise=row.exercise.name, graded=len(row.outcomes))
              for row in sampled]
    for row in report.rows:
        if not row.survivors:
            continue
        lines += ["", counted(len(row.survivors),
                              "{exercise}: {n} mutant survived (it got full marks):",
                              "{exercise}: {n} mutants survived (they got full marks):",
                              exercise=row.exercise.name)]
        shown = shown_path(row.solution_path, cwd)
        for outcome in row.survivors:
            mutant = outcome.mutant
            lines += ["", printable_line(_("  {mutant}: line {line}, {change}").format(
                mutant=mutant.id, line=mutant.line, change=mutant.description))]
            lines += ["    " + printable_line(line) for line in _diff(row.solution, mutant,
                                                                       shown)]
    problems = [_("{exercise}: {problem}").format(exercise=row.exercise.name, problem=problem)
                for row in report.rows for problem in row.problems]
    if problems:
        lines += ["", _("Problems:"), *(f"  - {printable_line(problem)}" for problem in problems)]
    lines.append("")
    below = [row.exercise.name for row in report.rows if not report.reached(row)]
    if not below:
        lines.append(counted(len(report.rows), "The exercise reaches {score}: its suite kills "
                             "at least {score} of the mutants not marked equivalent.",
                             "All {n} exercises reach {score}: each suite kills at least "
                             "{score} of the mutants not marked equivalent.",
                             score=_percent(report.min_score)))
    else:
        lines.append(counted(len(below), "{n} exercise falls short of {score} or has a "
                             "problem: {names}.", "{n} exercises fall short of {score} or have "
                             "a problem: {names}.", score=_percent(report.min_score),
                             names=i18n.listing(below)))
        if survived:
            lines.append(_("Strengthen the suite so that it fails each survivor, or, if a "
                           "survivor computes exactly what the solution computes, mark it in "
                           "course.toml under its exercise:"))
            example = next(outcome for row in report.rows for outcome in row.survivors)
            lines += ["", "    [[exercise.equivalent]]", f'    mutant = "{example.mutant.id}"',
                      '    reason = "{}"'.format(_("why no input can tell it from the solution"))]
    return "\n".join(lines)


def _diff(solution: str, mutant: Mutant, shown: str) -> list[str]:
    return [line.rstrip("\n") for line in difflib.unified_diff(
        solution.splitlines(keepends=True), mutant.source.splitlines(keepends=True),
        fromfile=shown, tofile=f"{shown} ({mutant.id})", n=1)]


def _percent(value: float) -> str:
    return f"{value:.1f}%".replace(".0%", "%")


def to_json(report: Report) -> dict:
    made, equivalent, killed, survived = report.total
    return {
        "course": str(report.course.root), "min_score": report.min_score, "ok": report.ok,
        "total": {"made": made, "equivalent": equivalent, "killed": killed,
                  "survived": survived},
        "exercises": [{
            "name": row.exercise.name, "made": len(row.outcomes), "before_sampling": row.total,
            "equivalent": row.equivalent, "killed": row.killed,
            "survived": len(row.survivors), "score": round(row.score, 2) if row.outcomes else None,
            "reached": report.reached(row), "problems": list(row.problems),
            "survivors": [{"id": outcome.mutant.id, "line": outcome.mutant.line,
                           "kind": outcome.mutant.kind,
                           "description": outcome.mutant.description,
                           "diff": "\n".join(_diff(row.solution, outcome.mutant,
                                                   str(row.solution_path)))}
                          for outcome in row.survivors]}
            for row in report.rows]}
