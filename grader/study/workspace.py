"""Where a learner works: a folder made by `grader init`, or a clone of this repository.

A workspace is found by walking up from a starting folder. A folder made by `grader init` holds a
marker, `.grader/workspace.json`, and the exercise files at its top level: Python files, or
Jupyter notebooks with `grader init --notebooks` (the marker says which). A clone is recognised
by its `exercises/` folder holding at least one file named for a catalog exercise. Either way the
progress file lives in `<root>/.grader/`. A workspace made for a course other than the built-in
one records that course's folder in its marker, so that every command run in it uses that course.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from grader import __version__, files, i18n
from grader.course import catalog
from grader.files import write_atomically
from grader.i18n import N_, _, counted
from grader.results import timestamp
from grader.study import exercise_notebooks

STATE_DIR = ".grader"
MARKER = "workspace.json"
MARKER_KIND = "nn-grader-workspace"
DEFAULT_DIR = "nn-course"
MARKER_BYTES = 64 * 1024  # ours is a few lines


class WorkspaceError(Exception):
    """A workspace cannot be created as asked (a usage error: the message says why)."""


@dataclass(frozen=True)
class Workspace:
    root: Path
    exercises_dir: Path  # the root itself for `grader init`, `exercises/` in a clone
    notebooks: bool = False  # made by `grader init --notebooks`: each exercise is a .ipynb

    @property
    def state_dir(self) -> Path:
        return self.root / STATE_DIR

    @property
    def progress_path(self) -> Path:
        return self.state_dir / "progress.json"

    def exercise_path(self, name: str) -> Path:
        """The exercise's file: the workspace's kind (.py, or .ipynb for notebooks), unless only
        the other kind is there (a learner may move from one to the other)."""
        kinds = (".ipynb", ".py") if self.notebooks else (".py", ".ipynb")
        paths = [self.exercises_dir / f"{name}{suffix}" for suffix in kinds]
        return next((path for path in paths if path.is_file()), paths[0])

    def holds(self, path: Path) -> bool:
        """Whether `path` is a learner file of this workspace (the ones progress counts)."""
        return path.resolve().parent == self.exercises_dir


def find(start: Path | None = None) -> Workspace | None:
    """The workspace holding `start` (default: the working directory), or None."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        marker = _marker(folder)
        if marker is not None:
            return Workspace(root=folder, exercises_dir=folder,
                             notebooks=marker.get("notebooks") is True)
        exercises = folder / "exercises"
        if folder == catalog.BUILTIN_DIR:
            continue  # the installed package's own copy of the course is nobody's workspace
        if exercises.is_dir() and any((exercises / f"{name}.py").is_file()
                                      for name in catalog.names()):
            return Workspace(root=folder, exercises_dir=exercises)
    return None


def holding(path: Path) -> Workspace | None:
    """The workspace whose exercise file `path` is (the files progress counts), or None."""
    found = find(path.resolve().parent)
    return found if found is not None and found.holds(path) else None


def recorded_course(start: Path | None = None) -> Path | None:
    """The course folder that `grader init` recorded in the workspace holding `start` (default:
    the working directory), or None (no workspace, or one for the built-in course).

    `grader init` records an absolute path. A relative one is not ours and is ignored: a
    workspace unpacked from someone else's archive could otherwise name a course folder inside
    itself, whose suites would run outside the sandbox (suites are trusted code)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        data = _marker(folder)
        if data is not None:
            recorded = data.get("course")
            if isinstance(recorded, str) and "\0" not in recorded \
                    and Path(recorded).is_absolute():
                return Path(recorded)
            return None
    return None


def _marker(folder: Path) -> dict | None:
    """`folder/.grader/workspace.json` if it is our marker, read without following a link (a
    workspace may come out of someone else's archive)."""
    try:
        state = files.open_folder(folder, (STATE_DIR,), create=False)
        try:
            fd = files.open_regular(MARKER, dir_fd=state)
        finally:
            os.close(state)
        try:
            data = json.loads(files.read_capped(fd, MARKER_BYTES))
        finally:
            os.close(fd)
    except (OSError, ValueError, RecursionError):  # RecursionError: nested beyond parsing
        return None
    return data if isinstance(data, dict) and data.get("kind") == MARKER_KIND else None


def language(found: Workspace | None) -> str | None:
    """The language `grader init` made the workspace in, if it recorded one (a clone has none)."""
    marker = _marker(found.root) if found is not None else None
    lang = marker.get("lang") if marker is not None else None
    return lang if isinstance(lang, str) else None


def create(folder: Path, *, force: bool = False, notebooks: bool = False) -> Workspace:
    """Write every stub of the course in use, in course order (as Jupyter notebooks with
    `notebooks`), a README and the marker into `folder`; the marker records the course unless
    it is the built-in one.

    Nothing is written if any target file exists, unless `force`: a learner's work is never
    overwritten by accident. Progress (`.grader/progress.json`) is never touched, and nothing
    is written through a link (with `force`, a stub that is a link is refused, not followed).
    """
    folder = folder.resolve()
    if folder.exists() and not folder.is_dir():
        raise WorkspaceError(_("{folder} exists and is not a folder.").format(folder=folder))
    suffix = ".ipynb" if notebooks else ".py"
    course = catalog.active()
    lang = i18n.current()
    stubs = [(exercise, stub_path(course, exercise.name, lang)) for exercise in course.exercises]
    targets = [folder / f"{exercise.name}{suffix}" for exercise, _stub in stubs]
    targets += [folder / "README.md", folder / STATE_DIR / MARKER]
    if not force:
        existing = [path for path in targets if os.path.lexists(path)]
        if existing:
            raise WorkspaceError(counted(
                len(existing),
                "{path} already exists, so nothing was written. Choose another folder, or add "
                "--force to overwrite it (your code in it would be lost; your progress is kept).",
                "{path} already exists, so nothing was written ({n} files would be "
                "overwritten). Choose another folder, or add --force to overwrite them (your "
                "code in them would be lost; your progress is kept).", path=existing[0]))
    for exercise, stub in stubs:
        write_atomically(folder / f"{exercise.name}{suffix}",
                         stub_text(exercise, stub, notebooks), below=folder)
    write_atomically(folder / "README.md", learner_readme(course, notebooks), below=folder)
    marker = {"kind": MARKER_KIND, "schema": 1, "created_by": f"nn-grader {__version__}",
              "created_at": timestamp(), "notebooks": notebooks, "lang": lang}
    if not course.builtin:
        marker["course"] = str(course.root)
    write_atomically(folder / STATE_DIR / MARKER, json.dumps(marker, indent=2) + "\n",
                     below=folder)
    return Workspace(root=folder, exercises_dir=folder, notebooks=notebooks)


def stub_path(course: catalog.Course, name: str, lang: str) -> Path:
    """The stub of exercise `name` in `lang`: the English one, or its translation in the
    `zh/` folder beside it (the same code, its docstrings and comments in Chinese); English
    when the course has no translation of it."""
    english = course.stub_path(name)
    translated = english.parent / lang / english.name
    return translated if lang != i18n.ENGLISH and translated.is_file() else english


def stub_text(exercise: catalog.Exercise, stub: Path, notebook: bool) -> str:
    """The text of an exercise's fresh file: the stub, or the notebook made from it."""
    source = stub.read_text(encoding="utf-8")
    return exercise_notebooks.notebook(exercise, source) if notebook else source


def learner_readme(course: catalog.Course, notebooks: bool = False) -> str:
    suffix = ".ipynb" if notebooks else ".py"
    rows = "\n".join(
        f"| {number} | {_(exercise.title)} | `{exercise.name}{suffix}` | {exercise.points} |"
        for number, exercise in enumerate(course.exercises, start=1))
    # The example in the commands: softmax, as the course's own README has it, in a course
    # that has one; else the course's first exercise.
    name = "softmax" if "softmax" in course.names() else course.exercises[0].name
    if notebooks:
        return _(_NOTEBOOK_README).format(rows=rows, title=_(course.title), name=name)
    commands = (
        (f"grader check {name}.py", N_("grade one file, with feedback for every test")),
        ("grader check", N_("grade the next exercise you have not finished")),
        ("grader watch", N_("grade each file again every time you save it (Ctrl-C stops)")),
        (f"grader hint {name}", N_("one more hint for an exercise (--all: every hint)")),
        ("grader next", N_("what to do next, and the command to check it")),
        ("grader list", N_("the course, your best scores and where you are")),
        (f"grader solution {name}", N_("the reference solution, once you have full marks")),
        (f"grader reset {name}",
         N_("a fresh stub, to start an exercise again (progress is kept)")))
    width = max(len(command) for command, _what in commands) + 2
    usage = "\n".join(f"    {command:<{width}}# {_(what)}" for command, what in commands)
    return _("""# {title}: your workspace

Each file here is one exercise. Open it, read the task at the top, replace
`raise NotImplementedError` with your code, save, and check it:

{usage}

Your progress is kept in `.grader/progress.json`, HTML reports in `.grader/reports/`.

## The course, in order

| # | Exercise | File | Points |
|---|----------|------|--------|
{rows}
""").format(title=_(course.title), usage=usage, rows=rows)


_NOTEBOOK_README = N_("""# {title}: your workspace

Each notebook here is one exercise. Open it in Jupyter (`jupyter lab` in this folder), read the
task at the top, write your code in the cell under it and run the cells. The last cell checks
your work from inside the notebook:

    from grader.notebook import check
    check("{name}")

It grades the code you have run in the notebook's kernel (no need to save), shows the verdict
below the cell and records your progress. `hint("{name}")` (from the same module) shows one more
hint. Start a cell with `# grader: skip` to keep plots and experiments out of grading.

The notebook's kernel must be the Python that has nn-grader installed. The same commands as
for .py files work in a terminal, on the saved notebooks:

    grader check {name}.ipynb  # grade one saved notebook, with feedback for every test
    grader check                # grade the next exercise you have not finished
    grader watch                # grade each notebook again every time it is saved (Ctrl-C stops)
    grader hint {name}         # one more hint for an exercise (--all: every hint)
    grader next                 # what to do next
    grader list                 # the course, your best scores and where you are
    grader solution {name}     # the reference solution, once you have full marks
    grader reset {name}        # a fresh notebook, to start an exercise again (progress is kept)

Your progress is kept in `.grader/progress.json`, HTML reports in `.grader/reports/`.

## The course, in order

| # | Exercise | File | Points |
|---|----------|------|--------|
{rows}
""")
