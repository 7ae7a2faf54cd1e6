"""What the learner commands print: the course table, the next step, hints. Pure functions of
the catalog, the progress and the workspace, so every command says the same thing the same way.
"""

from __future__ import annotations

import os
import re
import shlex
import textwrap
from pathlib import Path

from grader.course import catalog
from grader.render.text import WIDTH, shown_path
from grader.results import Result
from grader.study.progress import DONE, ExerciseProgress, Progress
from grader.study.workspace import Workspace

NEXT_MARK = "→"


def check_command(path: Path, cwd: Path) -> str:
    return f"grader check {shlex.quote(shown_path(path, cwd))}"


def course_table(progress: Progress, workspace: Workspace | None, cwd: Path) -> str:
    upcoming = progress.next_exercise()
    width = min(40, max(len(exercise.title) for exercise in catalog.CATALOG))
    name_width = max(len(exercise.name) for exercise in catalog.CATALOG) + 1
    lines = [f"  {'#':>2} {'Exercise':<{width}} {'Name':<{name_width}}{'Best':>5}  State"]
    for number, exercise in enumerate(catalog.CATALOG, start=1):
        entry = progress.of(exercise.name)
        best = f"{entry.best_score:g}/{exercise.points}" if entry.attempts else \
            f"-/{exercise.points}"
        state = entry.state
        if workspace is not None and not workspace.exercise_path(exercise.name).is_file():
            state += " (file missing)"
        mark = NEXT_MARK if upcoming is not None and exercise.name == upcoming.name else " "
        lines.append(f"{mark} {number:>2} {_cut(exercise.title, width):<{width}} "
                     f"{exercise.name:<{name_width}}{best:>5}  {state}")
    scored = sum(min(progress.of(e.name).best_score, e.points) for e in catalog.CATALOG)
    total = sum(exercise.points for exercise in catalog.CATALOG)
    done = sum(progress.of(exercise.name).state == DONE for exercise in catalog.CATALOG)
    lines += ["", f"Total: {scored:g}/{total} points; {done} of {len(catalog.CATALOG)} "
                  "exercises at full marks."]
    lines.append(next_line(progress, workspace, cwd))
    return "\n".join(lines)


def check_all_text(results: list[Result], progress: Progress, workspace: Workspace,
                   reports: Path | None, cwd: Path) -> str:
    """`grader check --all` in a terminal: the course table, a note for each exercise that now
    scores below the learner's best (the table shows the best, which would hide a regression),
    and where the reports are."""
    lines = [course_table(progress, workspace, cwd)]
    for result in results:
        best = progress.of(result.exercise).best_score
        if result.score < best:
            lines.append(f"Note: {result.exercise} now scores {result.score:g}/"
                         f"{result.max_score:g}, below your best of {best:g}.")
    if reports is not None:
        lines.append(f"Reports: {reports}")
    return "\n".join(lines)


def next_line(progress: Progress, workspace: Workspace | None, cwd: Path) -> str:
    upcoming = progress.next_exercise()
    if upcoming is None:
        return "You have full marks on every exercise: the course is done. Well done!"
    if workspace is None:
        return f"{NEXT_MARK} Next: {upcoming.title} ({upcoming.name})."
    return _go_to(upcoming, workspace, cwd)


def _go_to(upcoming: catalog.Exercise, workspace: Workspace, cwd: Path) -> str:
    return (f"{NEXT_MARK} Next: {upcoming.title}. "
            f"Run: {check_command(workspace.exercise_path(upcoming.name), cwd)}")


def next_text(progress: Progress, workspace: Workspace, cwd: Path) -> str:
    upcoming = progress.next_exercise()
    if upcoming is None:
        return next_line(progress, workspace, cwd)
    number = catalog.names().index(upcoming.name) + 1
    entry = progress.of(upcoming.name)
    path = workspace.exercise_path(upcoming.name)
    lines = [f"Next: exercise {number} of {len(catalog.CATALOG)}, {upcoming.title} "
             f"({upcoming.points} points)",
             textwrap.fill(upcoming.task, WIDTH, initial_indent="  ", subsequent_indent="  "),
             "",
             f"  Edit:   {shown_path(path, cwd)}"
             + ("" if path.is_file() else "  (missing: see `grader init --help`)"),
             f"  Check:  {check_command(path, cwd)}",
             f"  Stuck?  grader hint {upcoming.name}"]
    if entry.attempts:
        lines.append(f"  Best so far: {entry.best_score:g}/{upcoming.points} after "
                     f"{entry.attempts} check{'s' * (entry.attempts != 1)}.")
    return "\n".join(lines)


def hint_text(exercise: catalog.Exercise, numbers: list[int], *, remembered: bool) -> str:
    """Hints `numbers` (1-based) of `exercise`, and how to get more."""
    count = len(exercise.hints)
    lines = []
    for number in numbers:
        lines.append(f"Hint {number} of {count} for {exercise.title}:")
        lines.append(textwrap.fill(exercise.hints[number - 1], WIDTH, initial_indent="  ",
                                   subsequent_indent="  "))
    lines += wrap(_more_hints(exercise, numbers, remembered=remembered))
    return "\n".join(lines)


def wrap(text: str) -> list[str]:
    """`text` wrapped to the terminal width, never inside a `command`, so it can be copied."""
    glued = re.sub(r"`[^`]*`", lambda command: command.group(0).replace(" ", "\0"), text)
    return [line.replace("\0", " ") for line in textwrap.wrap(glued, WIDTH)]


def _more_hints(exercise: catalog.Exercise, numbers: list[int], *, remembered: bool) -> str:
    count, last = len(exercise.hints), max(numbers)
    if not remembered:
        return ("(Outside a workspace the grader cannot remember which hints you have "
                f"seen: `grader hint {exercise.name} --all` shows every hint.)")
    if last < count:
        return f"Run `grader hint {exercise.name}` again for hint {last + 1}."
    if len(numbers) == 1:
        return ("That was the last hint. Once you have full marks, "
                f"`grader solution {exercise.name}` shows the reference solution.")
    return ""


def solution_refusal(exercise: catalog.Exercise, entry: ExerciseProgress,
                     remembered: bool) -> str:
    if not remembered:
        where = "Outside a workspace the grader has no record of your score"
    elif entry.attempts:
        where = f"Your best so far is {entry.best_score:g}/{exercise.points}"
    else:
        where = "You have not checked this exercise yet"
    return "\n".join(wrap(
        f"Not yet: the solution of {exercise.title} unlocks once you have full marks. "
        f"{where}. If you really want it now: `grader solution {exercise.name} --force` "
        "(noted in your progress). Here is a hint instead:")) + "\n"


def solution_header(exercise: catalog.Exercise, done: bool) -> str:
    note = "" if done else " (shown before full marks; noted in your progress)"
    return f"# Reference solution: {exercise.title}{note}\n"


def check_next_step(progress: Progress, exercise: catalog.Exercise, full_marks: bool,
                    workspace: Workspace, cwd: Path) -> str:
    """The line under a check's verdict: where to go after full marks, or how to get unstuck."""
    if full_marks:
        upcoming = progress.next_exercise(after=exercise.name)
        if upcoming is None:
            return next_line(progress, workspace, cwd)
        return _go_to(upcoming, workspace, cwd)
    shown = progress.of(exercise.name).hints_shown
    if shown < len(exercise.hints):
        return (f"Stuck? `grader hint {exercise.name}` shows hint {shown + 1} of "
                f"{len(exercise.hints)}.")
    return f"Stuck? `grader hint {exercise.name} --all` shows every hint again."


def report_link(progress: Progress, current: str, workspace: Workspace,
                report_path: Path, cwd: Path) -> dict | None:
    """The report's "Next" panel: the next unfinished exercise after `current` whose file is
    there, its stub linked relative to the report so the link survives moving the workspace."""
    names = catalog.names()
    index = names.index(current)
    following = [catalog.get(name) for name in names[index + 1:] + names[:index]]
    upcoming = next((exercise for exercise in following if not progress.of(exercise.name).done
                     and workspace.exercise_path(exercise.name).is_file()), None)
    if upcoming is None:
        return None
    stub = workspace.exercise_path(upcoming.name)
    return {"title": upcoming.title, "task": upcoming.task,
            "href": Path(os.path.relpath(stub, report_path.resolve().parent)).as_posix(),
            "file": shown_path(stub, cwd), "command": check_command(stub, cwd)}


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
