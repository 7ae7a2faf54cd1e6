"""The class as the reports see it: built once from the records, read by every renderer.

The gradebook, the class report, the Gradescope files, the LMS exports and the summary all take
a `ClassView`, so a number (a mean, a pass rate, a total) is computed in one place and agrees
everywhere. With a roster, its learners are the class, in the roster's order, each with a row
even if they sent nothing; without one, the learners are those who sent files.
"""

from __future__ import annotations

import collections
import datetime
import re
import statistics
from dataclasses import dataclass, field

from grader import __version__
from grader.batch.layout import Discovery, Skipped
from grader.batch.roster import Outsider, Roster
from grader.batch.store import Record
from grader.course import catalog
from grader.results import Result, Status


@dataclass(frozen=True)
class Problem:
    learner: str
    slug: str
    exercise: str
    kind: str  # "error", "timeout" or "grader failure"
    message: str


@dataclass(frozen=True)
class Worker:
    """A Dask worker that graded some of the class, as results.jsonl records it."""

    cluster: str
    address: str
    isolation: tuple[str, ...]  # the levels its results report (one, unless it changed)
    graded: int


@dataclass
class LearnerRow:
    learner: str
    slug: str
    results: dict[str, Result]
    max_total: float
    name: str = ""  # from the roster
    email: str = ""

    @property
    def submitted_nothing(self) -> bool:
        """On the roster, and no file of theirs was found: 0 points, and said so."""
        return not self.results

    @property
    def total(self) -> float:
        return sum(result.score for result in self.results.values())

    @property
    def percentage(self) -> float:
        return round(100 * self.total / self.max_total, 1) if self.max_total else 0.0


@dataclass
class ExerciseStats:
    exercise: catalog.Exercise
    scores: list[float]
    errors: int
    timeouts: int
    missing: int

    @property
    def submitted(self) -> int:
        return len(self.scores)

    @property
    def mean(self) -> float | None:
        return statistics.fmean(self.scores) if self.scores else None

    @property
    def median(self) -> float | None:
        return statistics.median(self.scores) if self.scores else None

    @property
    def full_marks(self) -> int:
        return sum(score >= self.exercise.points - 1e-9 for score in self.scores)


@dataclass
class TestStats:
    exercise: catalog.Exercise
    test_id: str
    name: str
    hidden: bool
    optional: bool
    passed: int = 0
    attempted: int = 0
    failures: collections.Counter = field(default_factory=collections.Counter)
    examples: dict[str, str] = field(default_factory=dict)

    @property
    def pass_rate(self) -> float:
        return self.passed / self.attempted if self.attempted else 1.0

    @property
    def common_failure(self) -> tuple[str, int] | None:
        """The most frequent failure message (numbers aside) and how many failures share it."""
        if not self.failures:
            return None
        shape, count = self.failures.most_common(1)[0]
        return self.examples[shape], count


@dataclass
class ClassView:
    root: str
    layout: str
    exercises: list[catalog.Exercise]
    learners: list[LearnerRow]
    stats: list[ExerciseStats]
    tests: list[TestStats]
    problems: list[Problem]
    skipped: list[Skipped]
    isolation: list[str]
    seed: int | None
    generated_at: str
    grader_version: str = __version__
    workers: list[Worker] = field(default_factory=list)
    roster: str | None = None  # the roster's path, when the class was graded against one
    outsiders: list[Outsider] = field(default_factory=list)

    @property
    def submissions(self) -> int:
        return sum(len(row.results) for row in self.learners)

    @property
    def max_total(self) -> float:
        return float(sum(exercise.points for exercise in self.exercises))


def build(discovery: Discovery, records: list[Record], seed: int | None, *,
          roster: Roster | None = None, outsiders: list[Outsider] | None = None) -> ClassView:
    names = {record.exercise for record in records}
    exercises = [exercise for exercise in catalog.exercises() if exercise.name in names]
    max_total = float(sum(exercise.points for exercise in exercises))
    learners = roster.learners if roster is not None else discovery.learners
    slugs = learner_slugs(learners)
    rows = {learner: LearnerRow(learner, slugs[learner], {}, max_total) for learner in learners}
    if roster is not None:
        for member in roster.members:
            rows[member.learner].name = member.name
            rows[member.learner].email = member.email
    problems: list[Problem] = []
    for record in records:
        row = rows[record.learner]
        row.results[record.exercise] = record.result
        kind = problem_kind(record)
        if kind:
            problems.append(Problem(record.learner, row.slug, record.exercise, kind,
                                    first_line(record.grader_failure or record.result.message
                                               or _first_timeout(record.result))))
    learners = list(rows.values())
    return ClassView(
        root=discovery.root,
        layout=discovery.layout,
        exercises=exercises,
        learners=learners,
        stats=[_exercise_stats(exercise, learners) for exercise in exercises],
        tests=_test_stats(exercises, learners),
        problems=problems,
        skipped=list(discovery.skipped),
        isolation=sorted({r.result.isolation for r in records if r.result.isolation}),
        seed=seed,
        generated_at=datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        workers=_workers(records),
        roster=roster.path if roster is not None else None,
        outsiders=list(outsiders or ()),
    )


def _workers(records: list[Record]) -> list[Worker]:
    """The cluster workers that graded these records, by cluster and address."""
    found: dict[tuple[str, str], list[Record]] = {}
    for record in records:
        if record.worker:
            found.setdefault((record.cluster or "", record.worker), []).append(record)
    return [Worker(cluster, address,
                   tuple(sorted({r.result.isolation for r in graded if r.result.isolation})),
                   len(graded))
            for (cluster, address), graded in sorted(found.items())]


def problem_kind(record: Record) -> str | None:
    if record.grader_failure:
        return "grader failure"
    if record.result.status is Status.ERROR:
        return "error"
    if any(test.status is Status.TIMEOUT for test in record.result.tests):
        return "timeout"
    return None


def learner_slugs(learners: list[str]) -> dict[str, str]:
    """A file name per learner: safe on every file system, unique even ignoring case. The
    number last given to each base is remembered, so that thousands of names that reduce to one
    base cost one try each, not one per learner before them."""
    taken: set[str] = set()
    last: dict[str, int] = {}
    slugs = {}
    for learner in learners:
        base = _within(re.sub(r"[^\w.-]+", "_", learner).strip("._-")[:80]) or "learner"
        number = last.get(base.casefold(), 1)
        slug = base if number == 1 else f"{base}-{number}"
        while slug.casefold() in taken:
            number += 1
            slug = f"{base}-{number}"
        last[base.casefold()] = number
        taken.add(slug.casefold())
        slugs[learner] = slug
    return slugs


# The bytes of a slug: with a number, `.html` and what files.write_atomically adds for its
# temporary file, a name stays far below the 255 bytes a file system allows, however many bytes
# each letter takes in UTF-8 (80 letters of four bytes would not fit).
SLUG_BYTES = 120


def _within(base: str) -> str:
    return base.encode("utf-8")[:SLUG_BYTES].decode("utf-8", errors="ignore").rstrip("._-")


def first_line(text: str | None) -> str:
    return (text or "").strip().splitlines()[0] if (text or "").strip() else ""


def _first_timeout(result: Result) -> str:
    return next((test.message or "" for test in result.tests
                 if test.status is Status.TIMEOUT), "")


def _exercise_stats(exercise: catalog.Exercise, learners: list[LearnerRow]) -> ExerciseStats:
    results = [row.results[exercise.name] for row in learners if exercise.name in row.results]
    return ExerciseStats(
        exercise=exercise,
        scores=[result.score for result in results],
        errors=sum(result.status is Status.ERROR for result in results),
        timeouts=sum(any(t.status is Status.TIMEOUT for t in result.tests)
                     for result in results),
        missing=len(learners) - len(results),
    )


_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?")


def _test_stats(exercises: list[catalog.Exercise], learners: list[LearnerRow]) -> list[TestStats]:
    """Each test's pass rate over the submissions that could be graded, hardest first."""
    stats: dict[tuple[str, str], TestStats] = {}
    for exercise in exercises:
        for row in learners:
            result = row.results.get(exercise.name)
            if result is None or result.status is Status.ERROR:
                continue
            for test in result.tests:
                if test.status is Status.SKIPPED:
                    continue
                entry = stats.setdefault((exercise.name, test.id), TestStats(
                    exercise, test.id, test.name, test.visibility.value == "hidden",
                    test.optional))
                entry.attempted += 1
                if test.status is Status.PASSED:
                    entry.passed += 1
                else:
                    message = first_line(test.message) or test.status.value
                    shape = _NUMBER.sub("#", message)
                    entry.failures[shape] += 1
                    entry.examples.setdefault(shape, message)
    order = {exercise.name: index for index, exercise in enumerate(exercises)}
    return sorted(stats.values(), key=lambda s: (s.optional, s.pass_rate, order[s.exercise.name]))
