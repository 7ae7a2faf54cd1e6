"""What the learner commands print: the course table, the next step, hints. Pure functions of
the catalog, the progress and the workspace, so every command says the same thing the same way.
"""

from __future__ import annotations

import difflib
import enum
import os
import re
import shlex
from pathlib import Path

from grader import i18n
from grader.course import catalog
from grader.i18n import N_, _, counted
from grader.render import wrap as columns
from grader.render.text import WIDTH, shown_path
from grader.results import Result
from grader.study.progress import (
    DONE,
    IN_PROGRESS,
    NOT_STARTED_STATE,
    ExerciseProgress,
    Progress,
)
from grader.study.workspace import Workspace

NEXT_MARK = "→"


class Ask(enum.Enum):
    """How the learner asks for the next hint where the text is read."""

    COMMAND = "command"  # in a shell: `grader hint NAME`
    KEY = "key"  # under `grader watch`: h and Enter
    NOTEBOOK = "notebook"  # in a Jupyter notebook: `hint("NAME")` in a cell (grader/notebook.py)


def check_command(path: Path, cwd: Path) -> str:
    return f"grader check {shlex.quote(shown_path(path, cwd))}"


# The states of an exercise (progress.ExerciseProgress.state), as the course table says them.
STATES = {NOT_STARTED_STATE: N_("not started"), IN_PROGRESS: N_("in progress"), DONE: N_("done")}


def course_table(progress: Progress, workspace: Workspace | None, cwd: Path) -> str:
    upcoming = progress.next_exercise()
    titles = {exercise.name: _(exercise.title) for exercise in catalog.exercises()}
    width = max(min(40, max(columns.columns(title) for title in titles.values())),
                columns.columns(_("Exercise")))
    name_width = max(len(exercise.name) for exercise in catalog.exercises()) + 1
    best_width = max(5, columns.columns(_("Best")))
    exercise_header, name_header, best_header = _("Exercise"), _("Name"), _("Best")
    lines = [f"  {'#':>2} {columns.ljust(exercise_header, width)} "
             f"{columns.ljust(name_header, name_width)}{columns.rjust(best_header, best_width)}  "
             + _("State")]
    for number, exercise in enumerate(catalog.exercises(), start=1):
        entry = progress.of(exercise.name)
        best = f"{entry.best_score:g}/{exercise.points}" if entry.attempts else \
            f"-/{exercise.points}"
        state = _(STATES[entry.state])
        if workspace is not None and not workspace.exercise_path(exercise.name).is_file():
            state = _("{state} (file missing)").format(state=state)
        mark = NEXT_MARK if upcoming is not None and exercise.name == upcoming.name else " "
        lines.append(f"{mark} {number:>2} "
                     f"{columns.ljust(columns.cut(titles[exercise.name], width), width)} "
                     f"{exercise.name:<{name_width}}{best:>{best_width}}  {state}")
    scored = sum(min(progress.of(e.name).best_score, e.points) for e in catalog.exercises())
    total = sum(exercise.points for exercise in catalog.exercises())
    done = sum(progress.of(exercise.name).state == DONE for exercise in catalog.exercises())
    lines += ["", counted(len(catalog.exercises()),
                          "Total: {scored}/{total} points; {done} of {n} exercise at full marks.",
                          "Total: {scored}/{total} points; {done} of {n} exercises at full marks.",
                          scored=format(scored, "g"), total=total, done=done)]
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
            lines.append(_("Note: {exercise} now scores {score}/{max_score}, below your best of "
                           "{best}.").format(exercise=result.exercise, score=f"{result.score:g}",
                                             max_score=f"{result.max_score:g}",
                                             best=f"{best:g}"))
    if reports is not None:
        lines.append(_("Reports: {path}").format(path=reports))
    return "\n".join(lines)


def next_line(progress: Progress, workspace: Workspace | None, cwd: Path) -> str:
    upcoming = progress.next_exercise()
    if upcoming is None:
        return _("You have full marks on every exercise: the course is done. Well done!")
    title = _(upcoming.title)
    if workspace is None:
        return NEXT_MARK + " " + _("Next: {title} ({name}).").format(title=title,
                                                                    name=upcoming.name)
    path = workspace.exercise_path(upcoming.name)
    if not path.is_file():
        return NEXT_MARK + " " + _("Next: {title}. Its file is missing: `grader reset {name}` "
                                   "restores the stub.").format(title=title, name=upcoming.name)
    return NEXT_MARK + " " + _("Next: {title}. Run: {command}").format(
        title=title, command=check_command(path, cwd))


def watch_moves_on(upcoming: catalog.Exercise, path: Path, cwd: Path) -> str:
    """What the watch says when, after full marks, it moves on to the next exercise's file."""
    shown = shown_path(path, cwd)
    if not path.is_file():
        text = _("Next: {title}. {task} Its file {path} is missing: `grader reset {name}` "
                 "restores the stub, and the watch checks it when it appears.")
    else:
        text = _("Next: {title}. {task} Open {path}: the watch checks it each time you save it.")
    return "\n".join(wrap(NEXT_MARK + " " + text.format(
        title=_(upcoming.title), task=_(upcoming.task), path=shown, name=upcoming.name)))


def next_text(progress: Progress, workspace: Workspace, cwd: Path) -> str:
    upcoming = progress.next_exercise()
    if upcoming is None:
        return next_line(progress, workspace, cwd)
    number = catalog.names().index(upcoming.name) + 1
    entry = progress.of(upcoming.name)
    path = workspace.exercise_path(upcoming.name)
    edit = shown_path(path, cwd)
    if not path.is_file():
        edit = _("{path}  (missing: `grader reset {name}` restores the stub)").format(
            path=edit, name=upcoming.name)
    lines = [counted(upcoming.points, "Next: exercise {number} of {count}, {title} ({n} point)",
                     "Next: exercise {number} of {count}, {title} ({n} points)",
                     number=number, count=len(catalog.exercises()), title=_(upcoming.title)),
             columns.fill(_(upcoming.task), WIDTH, initial_indent="  ", subsequent_indent="  "),
             "",
             _("  Edit:   {path}").format(path=edit),
             _("  Check:  {command}").format(command=check_command(path, cwd)),
             _("  Stuck?  {command}").format(command=f"grader hint {upcoming.name}")]
    if entry.attempts:
        lines.append(counted(entry.attempts, "  Best so far: {best}/{points} after {n} check.",
                             "  Best so far: {best}/{points} after {n} checks.",
                             best=format(entry.best_score, "g"), points=upcoming.points))
    return "\n".join(lines)


def hint_text(exercise: catalog.Exercise, numbers: list[int], *, remembered: bool,
              unseen: int | None = None, ask: Ask = Ask.COMMAND) -> str:
    """Hints `numbers` (1-based) of `exercise`, and how to get more: `unseen` is the first
    hint still not seen (None when all were)."""
    count = len(exercise.hints)
    lines = []
    for number in numbers:
        lines.append(_("Hint {number} of {count} for {title}:").format(
            number=number, count=count, title=_(exercise.title)))
        lines.append(columns.fill(_(exercise.hints[number - 1]), WIDTH, initial_indent="  ",
                                  subsequent_indent="  "))
    lines += wrap(_more_hints(exercise, numbers, remembered=remembered, unseen=unseen, ask=ask))
    return "\n".join(lines)


def wrap(text: str) -> list[str]:
    """`text` wrapped to the terminal width, never inside a `command`, so it can be copied."""
    glued = re.sub(r"`[^`]*`", lambda command: command.group(0).replace(" ", "\0"), text)
    return [line.replace("\0", " ") for line in columns.wrap(glued, WIDTH)]


def _more_hints(exercise: catalog.Exercise, numbers: list[int], *, remembered: bool,
                unseen: int | None, ask: Ask) -> str:
    if not remembered:
        return _("(Outside a workspace the grader cannot remember which hints you have seen: "
                 "`grader hint {name} --all` shows every hint.)").format(name=exercise.name)
    if unseen is not None:
        if ask is Ask.KEY:
            return _("Press h and Enter again for hint {number}.").format(number=unseen)
        if ask is Ask.NOTEBOOK:
            return _("Run `hint(\"{name}\")` again for hint {number}.").format(
                name=exercise.name, number=unseen)
        return _("Run `grader hint {name}` again for hint {number}.").format(
            name=exercise.name, number=unseen)
    if len(numbers) == 1:
        return _("That was the last hint you had not seen. Once you have full marks, "
                 "`grader solution {name}` shows the reference solution.").format(
                     name=exercise.name)
    return ""


def solution_refusal(exercise: catalog.Exercise, entry: ExerciseProgress,
                     remembered: bool) -> str:
    """Why the solution is not shown yet, and what the hint below it costs: the next one not
    seen is spent (it counts as seen, as if `grader hint` had shown it); once every hint was
    seen, or outside a workspace, nothing is."""
    if not remembered:
        where = _("Outside a workspace the grader has no record of your score.")
        instead = _("Here is the first hint instead; outside a workspace nothing is "
                    "remembered, so no hint is spent:")
    else:
        if entry.attempts:
            where = _("Your best so far is {best}/{points}.").format(
                best=f"{entry.best_score:g}", points=exercise.points)
        else:
            where = _("You have not checked this exercise yet.")
        unseen = entry.unseen_hint(exercise)
        if unseen is None:
            instead = _("You have seen every hint, so none is spent: here is the last one "
                        "again:")
        else:
            instead = _("Here is hint {number} of {count} instead; it now counts as seen, as if "
                        "`grader hint` had shown it:").format(number=unseen,
                                                              count=len(exercise.hints))
    return "\n".join(wrap(_(
        "Not yet: the solution of {title} unlocks once you have full marks. {where} If you "
        "really want it now: `grader solution {name} --force` (noted in your progress). "
        "{instead}").format(title=_(exercise.title), where=where, name=exercise.name,
                            instead=instead))) + "\n"


def solution_header(exercise: catalog.Exercise, done: bool) -> str:
    if done:
        return _("# Reference solution: {title}").format(title=_(exercise.title)) + "\n"
    return _("# Reference solution: {title} (shown before full marks; noted in your "
             "progress)").format(title=_(exercise.title)) + "\n"


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
    return NEXT_MARK + " " + _("Next: {title}. Open {path} and run its cells.").format(
        title=_(upcoming.title), path=shown_path(path, cwd))


def stuck_line(progress: Progress, exercise: catalog.Exercise, ask: Ask = Ask.COMMAND) -> str:
    """How to get the first hint not seen yet (those a report showed count as seen)."""
    count = len(exercise.hints)
    unseen = progress.of(exercise.name).unseen_hint(exercise)
    if unseen is None and ask is Ask.NOTEBOOK:
        text = counted(count, "Stuck? You have seen the only hint: "
                       "`hint(\"{name}\", every=True)` shows it again.",
                       "Stuck? You have seen all {n} hints: `hint(\"{name}\", every=True)` "
                       "shows them again.", name=exercise.name)
    elif unseen is None:
        text = counted(count, "Stuck? You have seen the only hint: `grader hint {name} --all` "
                       "shows it again.",
                       "Stuck? You have seen all {n} hints: `grader hint {name} --all` shows "
                       "them again.", name=exercise.name)
    elif ask is Ask.NOTEBOOK:
        text = _("Stuck? `hint(\"{name}\")` in a cell shows hint {number} of {count}.").format(
            name=exercise.name, number=unseen, count=count)
    elif ask is Ask.KEY:
        text = _("Stuck? Press h and Enter for hint {number} of {count}.").format(
            number=unseen, count=count)
    else:
        text = _("Stuck? `grader hint {name}` shows hint {number} of {count}.").format(
            name=exercise.name, number=unseen, count=count)
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
    return {"title": _(upcoming.title), "task": _(upcoming.task),
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
        lines = [_("the file name {file!r} names no exercise: the exercise is the name without "
                   ".py (or .ipynb).").format(file=file)]
    elif option is not None:
        lines = [_("{option} names no exercise: there is no exercise {typed!r}.").format(
            option=option, typed=typed)]
    else:
        lines = [_("there is no exercise {typed!r}.").format(typed=typed)]
    if close:
        lines.append(_("Did you mean {name!r}?").format(name=close[0]))
    lines.append(_("The exercises are: {names}.").format(names=i18n.listing(catalog.names())))
    if file is not None:
        lines.append(_("Rename the file, or name its exercise with --exercise NAME."))
    return " ".join(lines)
