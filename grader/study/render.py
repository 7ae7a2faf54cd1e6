"""What the learner commands print: the course table, the next step, hints. Pure functions of
the catalog, the progress and the workspace, so every command says the same thing the same way.
"""

from __future__ import annotations

import difflib
import enum
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
from grader.wording import counted

NEXT_MARK = "→"


class Ask(enum.Enum):
    """How the learner asks for the next hint where the text is read."""

    COMMAND = "command"  # in a shell: `grader hint NAME`
    KEY = "key"  # under `grader watch`: h and Enter
    NOTEBOOK = "notebook"  # in a Jupyter notebook: `hint("NAME")` in a cell (grader/notebook.py)


def check_command(path: Path, cwd: Path) -> str:
    return f"grader check {shlex.quote(shown_path(path, cwd))}"


def course_table(progress: Progress, workspace: Workspace | None, cwd: Path) -> str:
    upcoming = progress.next_exercise()
    width = min(40, max(len(exercise.title) for exercise in catalog.exercises()))
    name_width = max(len(exercise.name) for exercise in catalog.exercises()) + 1
    lines = [f"  {'#':>2} {'Exercise':<{width}} {'Name':<{name_width}}{'Best':>5}  State"]
    for number, exercise in enumerate(catalog.exercises(), start=1):
        entry = progress.of(exercise.name)
        best = f"{entry.best_score:g}/{exercise.points}" if entry.attempts else \
            f"-/{exercise.points}"
        state = entry.state
        if workspace is not None and not workspace.exercise_path(exercise.name).is_file():
            state += " (file missing)"
        mark = NEXT_MARK if upcoming is not None and exercise.name == upcoming.name else " "
        lines.append(f"{mark} {number:>2} {_cut(exercise.title, width):<{width}} "
                     f"{exercise.name:<{name_width}}{best:>5}  {state}")
    scored = sum(min(progress.of(e.name).best_score, e.points) for e in catalog.exercises())
    total = sum(exercise.points for exercise in catalog.exercises())
    done = sum(progress.of(exercise.name).state == DONE for exercise in catalog.exercises())
    lines += ["", counted(len(catalog.exercises()),
                          "Total: {scored}/{total} points; {done} of {n} exercise at full marks.",
                          "Total: {scored}/{total} points; {done} of {n} exercises at full marks.",
                          scored=f"{scored:g}", total=total, done=done)]
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
    path = workspace.exercise_path(upcoming.name)
    if not path.is_file():
        return (f"{NEXT_MARK} Next: {upcoming.title}. Its file is missing: "
                f"`grader reset {upcoming.name}` restores the stub.")
    return f"{NEXT_MARK} Next: {upcoming.title}. Run: {check_command(path, cwd)}"


def watch_moves_on(upcoming: catalog.Exercise, path: Path, cwd: Path) -> str:
    """What the watch says when, after full marks, it moves on to the next exercise's file."""
    shown = shown_path(path, cwd)
    if not path.is_file():
        then = (f"Its file {shown} is missing: `grader reset {upcoming.name}` restores the "
                "stub, and the watch checks it when it appears.")
    else:
        then = f"Open {shown}: the watch checks it each time you save it."
    return "\n".join(wrap(f"{NEXT_MARK} Next: {upcoming.title}. {upcoming.task} {then}"))


def next_text(progress: Progress, workspace: Workspace, cwd: Path) -> str:
    upcoming = progress.next_exercise()
    if upcoming is None:
        return next_line(progress, workspace, cwd)
    number = catalog.names().index(upcoming.name) + 1
    entry = progress.of(upcoming.name)
    path = workspace.exercise_path(upcoming.name)
    lines = [counted(upcoming.points, "Next: exercise {number} of {count}, {title} ({n} point)",
                     "Next: exercise {number} of {count}, {title} ({n} points)",
                     number=number, count=len(catalog.exercises()), title=upcoming.title),
             textwrap.fill(upcoming.task, WIDTH, initial_indent="  ", subsequent_indent="  "),
             "",
             f"  Edit:   {shown_path(path, cwd)}"
             + ("" if path.is_file() else
                f"  (missing: `grader reset {upcoming.name}` restores the stub)"),
             f"  Check:  {check_command(path, cwd)}",
             f"  Stuck?  grader hint {upcoming.name}"]
    if entry.attempts:
        lines.append(counted(entry.attempts, "  Best so far: {best}/{points} after {n} check.",
                             "  Best so far: {best}/{points} after {n} checks.",
                             best=f"{entry.best_score:g}", points=upcoming.points))
    return "\n".join(lines)


def hint_text(exercise: catalog.Exercise, numbers: list[int], *, remembered: bool,
              unseen: int | None = None, ask: Ask = Ask.COMMAND) -> str:
    """Hints `numbers` (1-based) of `exercise`, and how to get more: `unseen` is the first
    hint still not seen (None when all were)."""
    count = len(exercise.hints)
    lines = []
    for number in numbers:
        lines.append(f"Hint {number} of {count} for {exercise.title}:")
        lines.append(textwrap.fill(exercise.hints[number - 1], WIDTH, initial_indent="  ",
                                   subsequent_indent="  "))
    lines += wrap(_more_hints(exercise, numbers, remembered=remembered, unseen=unseen, ask=ask))
    return "\n".join(lines)


def wrap(text: str) -> list[str]:
    """`text` wrapped to the terminal width, never inside a `command`, so it can be copied."""
    glued = re.sub(r"`[^`]*`", lambda command: command.group(0).replace(" ", "\0"), text)
    return [line.replace("\0", " ") for line in textwrap.wrap(glued, WIDTH)]


def _more_hints(exercise: catalog.Exercise, numbers: list[int], *, remembered: bool,
                unseen: int | None, ask: Ask) -> str:
    if not remembered:
        return ("(Outside a workspace the grader cannot remember which hints you have "
                f"seen: `grader hint {exercise.name} --all` shows every hint.)")
    if unseen is not None:
        if ask is Ask.KEY:
            return f"Press h and Enter again for hint {unseen}."
        if ask is Ask.NOTEBOOK:
            return f"Run `hint(\"{exercise.name}\")` again for hint {unseen}."
        return f"Run `grader hint {exercise.name}` again for hint {unseen}."
    if len(numbers) == 1:
        return ("That was the last hint you had not seen. Once you have full marks, "
                f"`grader solution {exercise.name}` shows the reference solution.")
    return ""


def solution_refusal(exercise: catalog.Exercise, entry: ExerciseProgress,
                     remembered: bool) -> str:
    """Why the solution is not shown yet, and what the hint below it costs: the next one not
    seen is spent (it counts as seen, as if `grader hint` had shown it); once every hint was
    seen, or outside a workspace, nothing is."""
    if not remembered:
        where = "Outside a workspace the grader has no record of your score"
        instead = ("Here is the first hint instead; outside a workspace nothing is "
                   "remembered, so no hint is spent:")
    else:
        if entry.attempts:
            where = f"Your best so far is {entry.best_score:g}/{exercise.points}"
        else:
            where = "You have not checked this exercise yet"
        unseen = entry.unseen_hint(exercise)
        if unseen is None:
            instead = ("You have seen every hint, so none is spent: here is the last one "
                       "again:")
        else:
            instead = (f"Here is hint {unseen} of {len(exercise.hints)} instead; it now "
                       "counts as seen, as if `grader hint` had shown it:")
    return "\n".join(wrap(
        f"Not yet: the solution of {exercise.title} unlocks once you have full marks. "
        f"{where}. If you really want it now: `grader solution {exercise.name} --force` "
        f"(noted in your progress). {instead}")) + "\n"


def solution_header(exercise: catalog.Exercise, done: bool) -> str:
    note = "" if done else " (shown before full marks; noted in your progress)"
    return f"# Reference solution: {exercise.title}{note}\n"


def check_next_step(progress: Progress, exercise: catalog.Exercise, full_marks: bool,
                    workspace: Workspace, cwd: Path, ask: Ask = Ask.COMMAND) -> str:
    """The line under a check's verdict: the next exercise after full marks, else how to get
    unstuck, never an invitation to move on."""
    if full_marks:
        if ask is Ask.NOTEBOOK:
            return notebook_next_line(progress, workspace, cwd)
        return next_line(progress, workspace, cwd)
    return stuck_line(progress, exercise, ask)


def notebook_next_line(progress: Progress, workspace: Workspace, cwd: Path) -> str:
    """The next exercise, said in a notebook: the file to open rather than a command to run."""
    upcoming = progress.next_exercise()
    if upcoming is None:
        return next_line(progress, workspace, cwd)
    path = workspace.exercise_path(upcoming.name)
    if not path.is_file():
        return next_line(progress, workspace, cwd)
    return f"{NEXT_MARK} Next: {upcoming.title}. Open {shown_path(path, cwd)} and run its cells."


def stuck_line(progress: Progress, exercise: catalog.Exercise, ask: Ask = Ask.COMMAND) -> str:
    """How to get the first hint not seen yet (those a report showed count as seen)."""
    count = len(exercise.hints)
    unseen = progress.of(exercise.name).unseen_hint(exercise)
    if unseen is None and ask is Ask.NOTEBOOK:
        text = (f"Stuck? You have seen all {count} hints: "
                f"`hint(\"{exercise.name}\", every=True)` shows them again.")
    elif unseen is None:
        text = (f"Stuck? You have seen all {count} hints: "
                f"`grader hint {exercise.name} --all` shows them again.")
    elif ask is Ask.NOTEBOOK:
        text = f"Stuck? `hint(\"{exercise.name}\")` in a cell shows hint {unseen} of {count}."
    elif ask is Ask.KEY:
        text = f"Stuck? Press h and Enter for hint {unseen} of {count}."
    else:
        text = f"Stuck? `grader hint {exercise.name}` shows hint {unseen} of {count}."
    return "\n".join(wrap(text))


def report_link(progress: Progress, workspace: Workspace, report_path: Path,
                cwd: Path) -> dict | None:
    """The "Next" panel of a report at full marks: the next exercise (the one rule, see
    Progress.next_exercise), its stub linked relative to the report so that the link survives
    moving the workspace; no link when its file is missing."""
    upcoming = progress.next_exercise()
    if upcoming is None:
        return None
    stub = workspace.exercise_path(upcoming.name)
    present = stub.is_file()
    return {"title": upcoming.title, "task": upcoming.task,
            "href": Path(os.path.relpath(stub, report_path.resolve().parent)).as_posix()
            if present else None,
            "file": shown_path(stub, cwd),
            "command": check_command(stub, cwd) if present else f"grader reset {upcoming.name}"}


def unknown_exercise(typed: str, *, file: str | None = None, option: str | None = None) -> str:
    """Why `typed` names no exercise (taken from `file`'s name, or given with `option`): what
    was typed, the exercise it most likely meant, and every name. Lower-case first, as the
    usage errors click prints after "Error: "."""
    close = difflib.get_close_matches(typed, catalog.names(), n=1, cutoff=0.6)
    if file is not None:
        lines = [f"the file name {file!r} names no exercise: the exercise is the name "
                 "without .py (or .ipynb)."]
    elif option is not None:
        lines = [f"{option} names no exercise: there is no exercise {typed!r}."]
    else:
        lines = [f"there is no exercise {typed!r}."]
    if close:
        lines.append(f"Did you mean {close[0]!r}?")
    lines.append(f"The exercises are: {', '.join(catalog.names())}.")
    if file is not None:
        lines.append("Rename the file, or name its exercise with --exercise NAME.")
    return " ".join(lines)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
