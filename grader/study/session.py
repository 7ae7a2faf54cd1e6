"""The learner's side of the commands: record each check in the workspace's progress, reveal
hints and solutions, and say what comes next.

These never grade differently, they only remember and point the way. Files outside a workspace
(or not its exercise files, such as `solutions/` in a clone) are graded as usual and recorded
nowhere. Whatever the learner should hear about the progress file itself (set aside as corrupt,
not writable) comes back as `notices`, for the caller to print; nothing here fails because of it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from grader import i18n
from grader.core import grading
from grader.course import catalog
from grader.course import paths as course
from grader.files import write_atomically
from grader.i18n import _
from grader.render import html as render_html
from grader.results import Result
from grader.study import progress
from grader.study import render as render_progress
from grader.study.render import Ask
from grader.study.workspace import Workspace, holding, language, stub_path, stub_text


@dataclass
class AfterCheck:
    """What a check adds once its result is recorded."""

    next_step: str | None = None  # the line under the terminal verdict
    next_exercise: dict | None = None  # the HTML report's "Next" panel, at full marks only
    upcoming: catalog.Exercise | None = None  # the next exercise, once the check is recorded
    notices: list[str] = field(default_factory=list)  # for stderr
    report: Path | None = None  # where record_and_report wrote the HTML report


def after_check(file: Path, result: Result, report_path: Path | None, cwd: Path, *,
                hints_seen: Iterable[int] = (), ask: Ask = Ask.COMMAND) -> AfterCheck:
    """Record a check of a workspace's file, with the hints its verdict showed (they count as
    seen), and say what comes next: the next exercise at full marks, else how to get unstuck."""
    workspace = holding(file)
    if workspace is None:
        return AfterCheck()
    state, notices = progress.record(workspace.progress_path, result, hints_seen)
    exercise = catalog.get(result.exercise)
    link = None
    if report_path is not None and result.full_marks:
        link = render_progress.report_link(state, workspace, report_path, cwd)
    return AfterCheck(
        next_step=render_progress.check_next_step(state, exercise, result.full_marks,
                                                  workspace, cwd, ask),
        next_exercise=link, upcoming=state.next_exercise(), notices=notices)


def load(workspace: Workspace | None) -> tuple[progress.Progress, list[str]]:
    """The workspace's progress (empty outside a workspace) and any notices about its file."""
    if workspace is None:
        return progress.Progress(), []
    store = progress.Store(workspace.progress_path)
    return store.load(), store.notices


def update(workspace: Workspace, change) -> tuple[object, list[str]]:
    store = progress.Store(workspace.progress_path)
    return store.update(change), store.notices


def record_and_report(path: Path, result: Result, cwd: Path, *,
                      hints_seen: Iterable[int] = (), ask: Ask = Ask.COMMAND) -> AfterCheck:
    """Record a check and write its HTML report to the default place (watch and --all); a
    report that cannot be written is a notice, so the other checks go on."""
    report = render_html.default_report_path(path, result.exercise)
    after = after_check(path, result, report, cwd, hints_seen=hints_seen, ask=ask)
    try:
        render_html.write_report(report, result, next_exercise=after.next_exercise)
    except OSError as error:
        after.notices.append(_("cannot write the report to {path}: {reason}").format(
            path=report, reason=error.strerror))
    else:
        after.report = report
    return after


def next_exercise(workspace: Workspace | None) -> tuple[catalog.Exercise | None, list[str]]:
    """The first exercise not at full marks, and notices; None when every one is done, and
    outside a workspace, where nothing is known of the learner's progress."""
    if workspace is None:
        return None, []
    state, notices = load(workspace)
    return state.next_exercise(), notices


class MissingFile(Exception):
    """The next exercise's file is not in the workspace (a usage error: the message says what
    to do)."""


def next_file(workspace: Workspace, exercise: catalog.Exercise) -> Path:
    """The workspace's file for `exercise` (the next one), which must exist to be checked."""
    path = workspace.exercise_path(exercise.name)
    if not path.is_file():
        raise MissingFile(_("the next exercise's file, {path}, is missing. `grader reset {name}` "
                            "restores its stub; or give a FILE.").format(path=path,
                                                                         name=exercise.name))
    return path


def hint(workspace: Workspace | None, exercise: catalog.Exercise, *, every: bool = False,
         ask: Ask = Ask.COMMAND) -> tuple[str, list[str]]:
    """The first hint of `exercise` not seen yet (every hint with `every`) as text, and
    notices. In a workspace the progress remembers the hints seen (here or under a verdict),
    so each call shows a new one; outside one nothing can be remembered: always the first."""
    count = len(exercise.hints)
    notices: list[str] = []
    unseen = None
    if workspace is None:
        numbers = list(range(1, count + 1)) if every else [1]
    else:
        def reveal(state: progress.Progress) -> tuple[list[int], int | None]:
            if every:
                state.entry(exercise.name).see_hints(range(1, count + 1))
                shown = list(range(1, count + 1))
            else:
                shown = [state.reveal_hint(exercise)]
            return shown, state.of(exercise.name).unseen_hint(exercise)

        (numbers, unseen), notices = update(workspace, reveal)
    # --all outside a workspace shows every hint: nothing is left to remember
    text = render_progress.hint_text(exercise, numbers, remembered=workspace is not None or every,
                                     unseen=unseen, ask=ask)
    return text, notices


@dataclass
class Solution:
    """What `grader solution` shows: the reference solution, or why not yet and a hint."""

    text: str
    refused: bool  # not at full marks and not forced: `text` is the refusal and a hint
    notices: list[str]
    failure: str | None = None  # the reference solution cannot be read (a grader failure)


def solution(workspace: Workspace | None, exercise: catalog.Exercise, *, force: bool) -> Solution:
    """The reference solution once the learner has full marks on `exercise` (or `force`, which
    the progress notes); before that the refusal, with the next hint instead."""
    state, notices = load(workspace)
    entry = state.of(exercise.name)
    if not entry.done and not force:
        hint_text, more = hint(workspace, exercise)
        text = render_progress.solution_refusal(exercise, entry, workspace is not None)
        return Solution(text + "\n" + hint_text, refused=True, notices=notices + more)
    try:
        source = course.solution_path(exercise.name).read_text(encoding="utf-8")
    except OSError as error:
        return Solution("", refused=False, notices=notices, failure=_(
            "the reference solution of {name} cannot be read ({reason})").format(
                name=exercise.name, reason=error.strerror))
    if workspace is not None:
        def seen(state: progress.Progress) -> None:
            marked = state.entry(exercise.name)
            marked.solution_shown = True
            marked.solution_before_full_marks |= not marked.done
        notices += update(workspace, seen)[1]
    text = render_progress.solution_header(exercise, entry.done) + "\n" + source.rstrip("\n")
    return Solution(text, refused=False, notices=notices)


class CannotReset(Exception):
    """The stub cannot be restored as asked (a usage error: the message says why)."""


@dataclass(frozen=True)
class Reset:
    """What `grader reset` would do to one exercise's file."""

    exercise: catalog.Exercise
    path: Path
    stub: str  # the stub's text, written to `path` by `restore`
    untouched: bool  # the file is the stub already: nothing to do
    has_work: bool  # the file holds something else, which restoring would lose: ask first


def reset_plan(workspace: Workspace, exercise: catalog.Exercise) -> Reset:
    """Look before `grader reset` restores the stub: whether the learner's file is there and
    holds work of theirs. Raises OSError when the installation's stub cannot be read (a grader
    failure), CannotReset when the file is not one that can be replaced."""
    path = workspace.exercise_path(exercise.name)
    stub_path = stub_of(workspace, exercise.name)
    stub = stub_text(exercise, stub_path, notebook=grading.is_notebook(path.name))
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise CannotReset(_("{path} is not a regular file, so it is left alone; move it away "
                            "and run the command again.").format(path=path))
    if path.is_file() and path.resolve() == course.stub_path(exercise.name).resolve():
        raise CannotReset(_("{path} is the course's own stub in this checkout, not a copy of "
                            "it: `git checkout` restores it.").format(path=path))
    try:
        current = path.read_bytes() if path.is_file() else None
    except OSError as error:
        raise CannotReset(_("{path} cannot be read ({reason}).").format(
            path=path, reason=error.strerror)) from None
    untouched = current == stub.encode("utf-8")
    return Reset(exercise, path, stub, untouched, has_work=current is not None and not untouched)


def stub_of(found: Workspace, name: str) -> Path:
    """The stub `grader reset` restores: in the language the workspace was made in."""
    return stub_path(catalog.active(), name, language(found) or i18n.ENGLISH)


def restore(plan: Reset) -> None:
    """Write the stub over the learner's file (atomically: a rename, which replaces the file
    itself and never writes through it). The progress is not touched, as rustlings' reset."""
    write_atomically(plan.path, plan.stub)


@dataclass
class Graded:
    exercise: catalog.Exercise
    path: Path
    result: Result | None  # None: the file is missing, or the grader failed
    failure: str | None = None  # why the grader failed on this one
    report: Path | None = None  # its HTML report, if one was written


@dataclass
class CheckedAll:
    """`grader check --all`: every exercise of the workspace, in course order."""

    graded: list[Graded]
    notices: list[str]

    @property
    def results(self) -> list[Result]:
        return [item.result for item in self.graded if item.result is not None]

    @property
    def failures(self) -> list[Graded]:
        return [item for item in self.graded if item.failure]

    @property
    def reports(self) -> Path | None:
        """The folder the reports were written to: beside the exercise files, so `exercises/`
        in a clone, or the temporary folder if that one is read-only; None if none was."""
        return next((item.report.parent for item in self.graded if item.report), None)

    @property
    def full_marks(self) -> bool:
        """Every exercise's file is there and has full marks: the course is done."""
        return all(item.result is not None and item.result.full_marks for item in self.graded)


def check_all(workspace: Workspace, *, seed: int | None, cwd: Path) -> CheckedAll:
    """Grade every exercise file of the workspace in course order, record each, write each
    report; one exercise's grader failure does not stop the others."""
    checked = CheckedAll([], [])
    for exercise in catalog.exercises():
        path = workspace.exercise_path(exercise.name)
        if not path.is_file():
            checked.graded.append(Graded(exercise, path, None))
            continue
        try:
            result = grading.grade(path, exercise.name, seed=seed)
        except grading.GraderFailure as error:
            checked.graded.append(Graded(exercise, path, None, failure=str(error)))
            continue
        after = record_and_report(path, result, cwd)
        checked.notices += after.notices
        checked.graded.append(Graded(exercise, path, result, report=after.report))
    return checked
