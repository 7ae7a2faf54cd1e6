"""Check an exercise from inside Jupyter, without leaving the notebook or saving it:

    from grader.notebook import check
    check("softmax")

`check` grades the code run in this kernel: IPython's history of the inputs executed here,
In [1], In [2], ..., in the order they ran, so a cell run again (or cells run out of order) count
as the kernel saw them, and the most recent definition wins. The inputs are read as text and
turned into a module (core/notebooks.py); nothing of the learner's is run in the kernel or in the
grading process: the module is graded by the same worker and sandbox as `grader check`. The
verdict is shown as HTML in Jupyter and as text in a terminal console, the check is recorded in
the workspace's progress, and the report is written as `grader check` writes it.

Importing this module costs nothing: IPython and the grading machinery are imported when `check`
or `hint` is called. Inside the grader's own learner process (a notebook file, or a kernel's
history, graded with its `check("softmax")` cell), both do nothing at all.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from grader.i18n import N_

if TYPE_CHECKING:
    from grader.results import Result

NOT_IN_IPYTHON = N_("check() grades the code run in a Jupyter notebook or an IPython console, "
                    "and this Python is neither. In a terminal, `grader check FILE` grades a "
                    "file (.py or .ipynb).")


class UsageError(ValueError):
    """A check asked for something that cannot be done; IPython shows just the message."""

    def _render_traceback_(self) -> list[str]:
        return [f"grader: {self}"]


class Verdict:
    """A check's verdict as Jupyter shows it: HTML in a notebook, text in a terminal console."""

    def __init__(self, result: Result, next_step: str | None, report: Path | None) -> None:
        self.result = result
        self.next_step = next_step
        self.report = report

    def _repr_html_(self) -> str:
        from grader.render import html as render_html

        return render_html.inline(self.result, next_step=self.next_step, report=self.report)

    def __repr__(self) -> str:
        from grader.render import text as render_text

        return render_text.render(self.result, color=False, next_step=self.next_step,
                                  report_path=str(self.report) if self.report else None)


class Hint:
    """A hint's text, shown as it is (a string would be shown quoted, on one line)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


def check(exercise: str, *, seed: int | None = None) -> None:
    """Grade the code run in this kernel as `exercise`, show the verdict below the cell, and
    record it in the workspace. `seed` repeats a run, as `grader check --seed` does."""
    if _in_learner_process():
        return
    _speak()
    shell = _shell()
    from grader.core import grading
    from grader.core import notebooks as converter
    from grader.render import text as render_text
    from grader.study import session as study
    from grader.study.render import Ask

    chosen = _exercise(exercise)
    try:
        module = converter.from_inputs(_inputs(shell), compiles)
    except converter.NotANotebook as error:
        raise UsageError(str(error)) from None
    path = _notebook_path(shell, chosen.name)
    result = grading.grade_module(module, path.name, chosen, seed=seed)
    after = study.record_and_report(path, result, Path.cwd(),
                                    hints_seen=render_text.hints_shown(result), ask=Ask.NOTEBOOK)
    for notice in after.notices:
        print(f"grader: {notice}", file=sys.stderr)
    _display(Verdict(result, after.next_step, after.report))


def hint(exercise: str, *, every: bool = False) -> None:
    """Show the next hint of `exercise` (every hint with `every`), remembered in the workspace
    as `grader hint` remembers it."""
    if _in_learner_process():
        return
    _speak()
    from grader.study import session as study
    from grader.study import workspace
    from grader.study.render import Ask

    chosen = _exercise(exercise)
    text, notices = study.hint(workspace.find(Path.cwd()), chosen, every=every, ask=Ask.NOTEBOOK)
    for notice in notices:
        print(f"grader: {notice}", file=sys.stderr)
    _display(Hint(text))


def _in_learner_process() -> bool:
    """Whether this is the grader's own learner process, importing code that calls check():
    grading from in there would grade again, forever."""
    return "grader.boundary.learner" in sys.modules


def _speak() -> None:
    """Speak as the grader would in this folder: a kernel has no --lang, so NN_GRADER_LANG,
    then the workspace's language, then the locale's."""
    from grader import i18n
    from grader.study import workspace

    i18n.use(i18n.choose(workspace=workspace.language(workspace.find(Path.cwd()))))


def _shell() -> Any:
    from grader.i18n import _

    try:
        from IPython import get_ipython
    except ImportError:
        raise UsageError(_(NOT_IN_IPYTHON)) from None
    shell = get_ipython()
    if shell is None or getattr(shell, "history_manager", None) is None:
        raise UsageError(_(NOT_IN_IPYTHON))
    return shell


def _exercise(name: str) -> Any:
    from grader.course import catalog
    from grader.study import render as render_progress

    _use_course()
    try:
        return catalog.get(name)
    except catalog.UnknownExercise:
        message = render_progress.unknown_exercise(str(name))
        raise UsageError(message[:1].upper() + message[1:]) from None


def _use_course() -> None:
    """Use the course `grader` would use in this folder (NN_GRADER_COURSE, else the one the
    workspace recorded, else the built-in one): a kernel has no command line to choose it."""
    import os

    from grader.course import catalog
    from grader.study import workspace

    folder = os.environ.get("NN_GRADER_COURSE") or workspace.recorded_course(Path.cwd())
    try:
        catalog.use(catalog.load(Path(folder)) if folder else None)
    except catalog.CourseError as error:
        raise UsageError("The course in {folder} cannot be used: {problems}".format(
            folder=folder, problems=" ".join(error.problems))) from None


def _inputs(shell: Any) -> list[tuple[int, str]]:
    """The inputs this kernel ran, numbered as In [n], in the order they ran (this cell last)."""
    history = shell.history_manager.input_hist_raw
    return [(number, str(source)) for number, source in enumerate(history) if number > 0]


def _notebook_path(shell: Any, exercise: str) -> Path:
    """The notebook this kernel runs, where Jupyter tells the kernel (JupyterLab and Notebook 7
    set `__session__`, VS Code `__vsc_ipynb_file__`); else a notebook named for the exercise in
    the working folder, where Jupyter starts a notebook's kernel. The check is recorded in the
    workspace holding it, and its report written beside it."""
    for name in ("__vsc_ipynb_file__", "__session__"):
        value = shell.user_ns.get(name)
        if isinstance(value, str) and value.endswith(".ipynb"):
            given = Path(value)
            # Jupyter's session name is relative to the server's root, not to this folder.
            return given if given.is_absolute() else Path.cwd() / given.name
    return Path.cwd() / f"{exercise}.ipynb"


def _display(shown: Verdict | Hint) -> None:
    from IPython.display import display

    display(shown)


__all__ = ["check", "hint"]


def compiles(text: str) -> bool:
    """Whether Python compiles `text`, as the kernel did before running an input. It is asked
    here, in the learner's own kernel, which already ran these inputs; compiling runs none of
    it."""
    try:
        compile(text, "<input>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError, RecursionError, MemoryError, OverflowError):
        return False
    return True
