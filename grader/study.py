"""The learner's side of a check: record it in the workspace's progress, and say what comes next.

The CLI calls these after grading; they never grade differently, they only remember and point
the way. Files outside a workspace (or not its exercise files, such as `solutions/` in a clone)
are graded as usual and recorded nowhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from grader import catalog, grading, progress, render_html, render_progress
from grader.results import Result
from grader.workspace import Workspace, find


@dataclass
class AfterCheck:
    """What a check adds once its result is recorded."""

    next_step: str | None = None  # the line under the terminal verdict
    next_exercise: dict | None = None  # the HTML report's "Next" panel
    notices: list[str] = field(default_factory=list)  # for stderr


def after_check(file: Path, result: Result, report_path: Path | None, cwd: Path) -> AfterCheck:
    workspace = find(file.resolve().parent)
    if workspace is None or not workspace.holds(file):
        return AfterCheck()
    state, notices = progress.record(workspace.progress_path, result)
    exercise = catalog.get(result.exercise)
    link = None
    if report_path is not None:
        link = render_progress.report_link(state, exercise.name, workspace, report_path, cwd)
    return AfterCheck(
        next_step=render_progress.check_next_step(state, exercise, result.full_marks,
                                                  workspace, cwd),
        next_exercise=link, notices=notices)


def load(workspace: Workspace | None) -> tuple[progress.Progress, list[str]]:
    """The workspace's progress (empty outside a workspace) and any notices about its file."""
    if workspace is None:
        return progress.Progress(), []
    store = progress.Store(workspace.progress_path)
    return store.load(), store.notices


def update(workspace: Workspace, change) -> tuple[object, list[str]]:
    store = progress.Store(workspace.progress_path)
    return store.update(change), store.notices


def record_and_report(path: Path, result: Result, cwd: Path) -> AfterCheck:
    """Record a check and write its HTML report to the default place (watch and --all)."""
    report = render_html.default_report_path(path, result.exercise)
    after = after_check(path, result, report, cwd)
    try:
        render_html.write_atomically(report, render_html.render(
            result, next_exercise=after.next_exercise))
    except OSError as error:
        after.notices.append(f"cannot write the report to {report}: {error.strerror}")
    return after


@dataclass
class Graded:
    exercise: catalog.Exercise
    path: Path
    result: Result | None  # None: the file is missing, or the grader failed
    failure: str | None = None  # why the grader failed on this one


def check_all(workspace: Workspace, *, seed: int | None, cwd: Path) -> tuple[list[Graded],
                                                                             list[str]]:
    """Grade every exercise file of the workspace in course order, record each, write each
    report; one exercise's grader failure does not stop the others."""
    graded, notices = [], []
    for exercise in catalog.CATALOG:
        path = workspace.exercise_path(exercise.name)
        if not path.is_file():
            graded.append(Graded(exercise, path, None))
            continue
        try:
            result = grading.grade(path, exercise.name, seed=seed)
        except grading.GraderFailure as error:
            graded.append(Graded(exercise, path, None, failure=str(error)))
            continue
        notices += record_and_report(path, result, cwd).notices
        graded.append(Graded(exercise, path, result))
    return graded, notices
