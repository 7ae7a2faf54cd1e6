"""`grader dev check`: whether a course's stubs, solutions, suites and corpus agree.

Every stub must grade 0 as "not started" (a learner's first check must not hand out points or
blame them for code they have not written), every solution full marks with no failed challenge
(the suite's points adding up to the catalog's), and every corpus file as it is labelled: the
course folder's `corpus/NAME/right/*.py` full marks, `corpus/NAME/wrong/*.py` fewer points,
at most its `# ceiling: N`, its feedback holding each `# expect: TEXT` and none of its
`# never: TEXT`. Each file is graded once, with the seed `grader check` would give it, through
the batch pool (one warm process forks a grading per file).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from concurrent.futures import BrokenExecutor, CancelledError, Future, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from grader import i18n
from grader.batch import store
from grader.batch.executor import ForkServerExecutor, TaskFailed, run_job
from grader.batch.progressbar import ProgressBar
from grader.boundary.launch import Limits
from grader.core import grading
from grader.course import catalog
from grader.feedback import NOT_STARTED
from grader.i18n import N_, _, counted
from grader.render import wrap
from grader.render.text import printable_line
from grader.results import Result, Status

RIGHT, WRONG = "right", "wrong"
CEILING = re.compile(r"^# ceiling: ([0-9]+(?:\.[0-9]+)?)\b", flags=re.MULTILINE)
EXPECT = re.compile(r"^# expect: (.+)$", flags=re.MULTILINE)
NEVER = re.compile(r"^# never: (.+)$", flags=re.MULTILINE)
SHOWN_OUTPUT = 200
HEADER = (N_("exercise"), N_("stub"), N_("solution"), N_("right"), N_("wrong"), N_("problems"))


class PoolFailed(Exception):
    """The grading pool itself broke (a grader failure, not the course's)."""


@dataclass(frozen=True)
class Labelled:
    """A corpus file and what it claims about itself."""

    path: Path
    kind: str  # RIGHT or WRONG
    ceilings: tuple[float, ...] = ()
    expect: tuple[str, ...] = ()
    never: tuple[str, ...] = ()

    @property
    def shown(self) -> str:
        return f"{self.kind}/{self.path.name}"


def labelled(path: Path, kind: str) -> Labelled:
    text = path.read_text(encoding="utf-8", errors="replace")
    return Labelled(path, kind, tuple(float(value) for value in CEILING.findall(text)),
                    tuple(line.strip() for line in EXPECT.findall(text)),
                    tuple(line.strip() for line in NEVER.findall(text)))


def corpus_of(course: catalog.Course, name: str) -> list[Labelled]:
    folder = course.corpus_dir / name
    return [labelled(path, kind) for kind in (RIGHT, WRONG)
            for path in sorted((folder / kind).glob("*.py")) if path.is_file()]


@dataclass(frozen=True)
class Row:
    """One exercise's line of the table, and what disagrees."""

    exercise: catalog.Exercise
    stub: Result | str  # the result, or why the grader failed on it
    solution: Result | str
    right: tuple[int, int]  # as labelled, of all
    wrong: tuple[int, int]
    problems: tuple[str, ...]


@dataclass(frozen=True)
class Report:
    course: catalog.Course
    rows: tuple[Row, ...]
    course_problems: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.course_problems and not any(row.problems for row in self.rows)


def check(course: catalog.Course, names: Iterable[str] = (), *, jobs: int | None = None,
          seed: int | None = None, progress: TextIO | None = None,
          limits: Limits | None = None) -> Report:
    """Grade the stubs, solutions and corpus of `course` (the exercises `names`, default all).
    Raises `catalog.UnknownExercise` for a name the course does not have."""
    chosen = [course.get(name) for name in dict.fromkeys(names)] or list(course.exercises)
    limits = limits or Limits()
    with catalog.using(course):
        work = [(exercise, what, path) for exercise in chosen
                for what, path in (("stub", course.stub_path(exercise.name)),
                                   ("solution", course.solution_path(exercise.name)),
                                   *((item, item.path) for item in
                                     corpus_of(course, exercise.name)))]
        graded = _grade(work, jobs, seed, limits, progress)
    rows = []
    for exercise in chosen:
        mine = [(what, result) for (owner, what, _), result in zip(work, graded, strict=True)
                if owner is exercise]
        rows.append(_row(exercise, mine))
    problems = _strays(course) if len(chosen) == len(course.exercises) else []
    return Report(course, tuple(rows), tuple(problems))


def _grade(work: list, jobs: int | None, seed: int | None, limits: Limits,
           progress: TextIO | None) -> list[Result | str]:
    """Each file's result, or why the grader failed on it, in the order of `work`."""
    graded: list[Result | str | None] = [None] * len(work)
    futures: dict[Future, int] = {}
    bar = ProgressBar(progress, total=len(work)) if progress is not None else None
    executor = ForkServerExecutor(jobs, task_seconds=grading.worker_budget(limits))
    try:
        for index, (exercise, _, path) in enumerate(work):
            source = path.read_bytes()
            job_seed = grading.submission_seed(source, store.suite_version(exercise.name)) \
                if seed is None else seed
            label = f"{exercise.name}.py"
            problem = grading.vet_source(source)
            if problem is not None:
                graded[index] = grading.file_error(exercise, label, problem, job_seed)
                _advance(bar, graded[index])
                continue
            # Graded in English whatever the language spoken: the corpus's `# expect:` lines
            # and the stub's "not started" verdict are the suites' English messages.
            job = {**grading.make_job(source, label, exercise, job_seed, limits),
                   "lang": i18n.ENGLISH}
            futures[executor.submit(run_job, job)] = index
        for future in as_completed(futures):
            index = futures[future]
            try:
                graded[index] = Result.from_dict(future.result())
            except TaskFailed as failure:
                graded[index] = str(failure)
            except (BrokenExecutor, CancelledError) as error:
                raise PoolFailed(_("the grading pool stopped: {error}").format(
                    error=error)) from None
            _advance(bar, graded[index])
    finally:
        executor.shutdown(cancel_futures=True)
        if bar is not None:
            bar.close()
    return graded


def _advance(bar: ProgressBar | None, result: Result | str) -> None:
    if bar is not None:
        bar.advance(full_marks=isinstance(result, Result) and result.full_marks,
                    error=isinstance(result, str) or result.status is Status.ERROR)


def _row(exercise: catalog.Exercise, graded: list[tuple[object, Result | str]]) -> Row:
    problems: list[str] = []
    stub = solution = ""
    right, wrong = [0, 0], [0, 0]
    for what, result in graded:
        if what == "stub":
            stub = result
            problems += _stub_problems(result)
        elif what == "solution":
            solution = result
            problems += _solution_problems(exercise, result)
        else:
            found = _corpus_problems(what, result)
            tally = right if what.kind == RIGHT else wrong
            tally[0] += not found
            tally[1] += 1
            problems += found
    return Row(exercise, stub, solution, (right[0], right[1]), (wrong[0], wrong[1]),
               tuple(problems))


def _stub_problems(result: Result | str) -> list[str]:
    if isinstance(result, str):
        return [_("the grader failed on the stub: {failure}").format(failure=result)]
    problems = []
    if result.score != 0:
        problems.append(_("the stub scored {score:g} of {points:g} points; an untouched stub "
                          "must score 0.").format(score=result.score, points=result.max_score))
    if not (result.message or "").startswith(NOT_STARTED):
        problems.append(_("the stub's verdict does not say that it is not started (it says: "
                          "{said}); a stub should raise NotImplementedError, or keep the "
                          "starting values its suite recognises.").format(
            said=_short(result.message or _first_failure(result))))
    elif blamed := [test for test in result.tests if test.status is not Status.SKIPPED
                    and not (test.message or "").startswith(NOT_STARTED)]:
        problems.append(_("the stub's test \u201c{test}\u201d says {said}, where it should say "
                          "that the exercise is not started.").format(
            test=blamed[0].name, said=_short(blamed[0].message)))
    return problems


def _solution_problems(exercise: catalog.Exercise, result: Result | str) -> list[str]:
    if isinstance(result, str):
        return [_("the grader failed on the solution: {failure}").format(failure=result)]
    problems = []
    if not result.full_marks:
        problems.append(_("the solution scored {score:g} of {points:g} points; it must get full "
                          "marks ({failure}).").format(score=result.score,
                                                       points=result.max_score,
                                                       failure=_first_failure(result)))
    elif failed := [test for test in result.tests if test.status is not Status.PASSED]:
        problems.append(_("the solution fails the challenge \u201c{test}\u201d: {said}").format(
            test=failed[0].name, said=_short(failed[0].message)))
    if result.max_score != exercise.points:
        problems.append(_("the suite's points add up to {total:g}, and the catalog gives the "
                          "exercise {points:g}; make them agree.").format(
            total=result.max_score, points=exercise.points))
    if result.output:
        problems.append(_("the solution printed, or caused a warning: {output}").format(
            output=_short(result.output, SHOWN_OUTPUT)))
    return problems


def _corpus_problems(item: Labelled, result: Result | str) -> list[str]:
    if isinstance(result, str):
        return [_("the grader failed on corpus file {file}: {failure}").format(
            file=item.shown, failure=result)]
    if item.kind == RIGHT:
        if result.status is Status.PASSED:
            return []
        return [_("corpus file {file} scored {score:g} of {points:g}; a right answer must get "
                  "full marks ({failure}).").format(file=item.shown, score=result.score,
                                                     points=result.max_score,
                                                     failure=_first_failure(result))]
    problems = []
    if result.full_marks:
        problems.append(_("corpus file {file} got full marks; a wrong answer must lose "
                          "points.").format(file=item.shown))
    if len(item.ceilings) > 1:
        problems.append(_("corpus file {file} states more than one ceiling; keep one "
                          "`# ceiling: N` line.").format(file=item.shown))
    elif item.ceilings and result.score > item.ceilings[0]:
        problems.append(_("corpus file {file} scored {score:g}, above its ceiling "
                          "{ceiling:g}.").format(file=item.shown, score=result.score,
                                                 ceiling=item.ceilings[0]))
    said = _all_messages(result)
    problems += [_("the feedback on corpus file {file} lacks \u201c{text}\u201d (its "
                   "`# expect:` line).").format(file=item.shown, text=text)
                 for text in item.expect if text not in said]
    problems += [_("the feedback on corpus file {file} says \u201c{text}\u201d (its "
                   "`# never:` line).").format(file=item.shown, text=text)
                 for text in item.never if text in said]
    return problems


def _strays(course: catalog.Course) -> list[str]:
    """Files and corpus folders of the course that no catalog entry names."""
    known = set(course.names())
    found = [path for path in sorted(course.stubs_dir.glob("*.py")) if path.stem not in known]
    found += [path for path in sorted(course.solutions_dir.glob("*.py"))
              if path.stem not in known]
    found += [path for path in sorted(course.suites_dir.glob("test_*.py"))
              if path.stem.removeprefix("test_") not in known]
    problems = [_("{path} has no entry in {catalog}.").format(path=path,
                                                             catalog=course.catalog_path)
                for path in found]
    if course.corpus_dir.is_dir():
        problems += [_("{folder} is not named for an exercise of {catalog}.").format(
                         folder=folder, catalog=course.catalog_path)
                     for folder in sorted(course.corpus_dir.iterdir())
                     if folder.is_dir() and folder.name not in known]
    return problems


def _first_failure(result: Result) -> str:
    if result.message:
        return _short(result.message)
    failed = next((test for test in result.tests if test.status is not Status.PASSED
                   and not test.optional), None)
    if failed is None:
        return _("no test failed")
    return _("first failing test \u201c{test}\u201d: {said}").format(
        test=failed.name, said=_short(failed.message))


def _all_messages(result: Result) -> str:
    parts = [result.message or ""]
    parts += [f"{test.message or ''}\n{test.hint or ''}" for test in result.tests]
    return "\n".join(parts)


def _short(text: str | None, size: int = 300) -> str:
    line = printable_line(" ".join((text or "").split()))
    return line if len(line) <= size else line[:size - 3] + "..."


def render(report: Report) -> str:
    """The table, then every problem, then the verdict."""
    header = tuple(_(word) for word in HEADER)
    rows = [(row.exercise.name, _cell(row.stub), _cell(row.solution), _tally(row.right),
             _tally(row.wrong), str(len(row.problems)) if row.problems else "-")
            for row in report.rows]
    widths = [max(wrap.columns(line[column]) for line in (header, *rows)) for column in range(6)]
    lines = ["  ".join(wrap.ljust(cell, width) for cell, width in zip(line, widths, strict=True))
             .rstrip() for line in (header, *rows)]
    problems = [_("{exercise}: {problem}").format(exercise=row.exercise.name, problem=problem)
                for row in report.rows for problem in row.problems] + list(report.course_problems)
    if problems:
        lines += ["", _("Problems:"), *(f"  - {problem}" for problem in problems)]
    lines.append("")
    count = len(report.rows)
    if report.ok:
        lines.append(counted(count, "The exercise agrees: its stub is not started, its solution "
                             "gets full marks and every corpus file grades as labelled.",
                             "All {n} exercises agree: every stub is not started, every "
                             "solution gets full marks and every corpus file grades as "
                             "labelled."))
    else:
        lines.append(counted(len(problems), "{n} problem in the course in {root}.",
                             "{n} problems in the course in {root}.", root=report.course.root))
    return "\n".join(lines)


def _cell(result: Result | str) -> str:
    if isinstance(result, str):
        return _("failed")
    return f"{result.score:g}/{result.max_score:g}"


def _tally(counts: tuple[int, int]) -> str:
    return f"{counts[0]}/{counts[1]}" if counts[1] else "-"
