"""What went wrong in the learner's code, in the learner's words.

Each problem is an exception the suites let through; the plugin turns it into a test verdict with
the problem's status and message. Known course mistakes get a hint of their own.
"""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING

from grader.i18n import N_, _
from grader.results import Status

if TYPE_CHECKING:
    from grader.core.notebooks import Cells

# The label of a stub's verdict: the worker, the progress and the reports recognise a message
# that starts with it, in whatever language it was graded in (`i18n.variants`), so every
# translation of a "Not started yet: ..." message starts with this label's translation.
NOT_STARTED = N_("Not started yet")
# Messages whose parts the reports find again (render/text.py): the "Likely cause" line, and the
# call a repeated failure came from.
LIKELY_CAUSE = N_("Likely cause: {cause}")
RAISED = N_("{call} raised {error}")
TOOK_LONGER = N_("{call} took longer than {seconds} s and was stopped. Look for a loop that never "
                 "ends, or a very slow one.")

_KNOWN_ERRORS = (
    ("AttributeError", "float_",
     N_("np.float_ was removed in NumPy 2: use np.float64, or np.asarray(values, dtype=float).")),
    ("EOFError", "",
     N_("Your code called input(), but graded code gets no keyboard input (stdin is closed). "
        "Remove the input() call and use the function's arguments instead.")),
    ("ModuleNotFoundError", "",
     N_("The grader has Python's standard library, numpy and pandas; other packages are not "
        "available.")),
    ("NameError", "'np'", N_("Did you forget `import numpy as np` at the top of your file?")),
    ("NameError", "'math'", N_("Did you forget `import math` at the top of your file?")),
    *(("TypeError", fragment,
       N_("Python lists do not do arithmetic element by element (1 - Y or L - max(L) fails on a "
          "list): convert first, e.g. Y = np.asarray(Y, dtype=float). Your function gets lists "
          "as well as arrays."))
      for fragment in ("and 'list'", ": 'list' and", "can't multiply sequence")),
    *(("TypeError", fragment,
       N_("math.exp and math.log take one number at a time: use np.exp / np.log on a whole list "
          "or array, or loop over the values."))
      for fragment in ("must be real number, not", "arrays can be converted to Python scalars")),
    ("MemoryError", "", N_("Your code asked for more memory than the grader allows.")),
    ("PermissionError", "[Errno 1] Operation not permitted",
     N_("Your code tried to start a new process (os.fork, subprocess or multiprocessing); graded "
        "code runs in one process. Compute the result in your function instead.")),
    ("RecursionError", "", N_("Your code calls itself without end: check the stopping case.")),
    ("SystemExit", "", N_("Your code called sys.exit() or exit(); return a value instead.")),
    ("KeyboardInterrupt", "", N_("Your code raised KeyboardInterrupt; return a value instead.")),
)


class LearnerProblem(Exception):
    """Something the learner's code did that costs the current test; never a grader failure."""

    status = Status.ERROR

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotStarted(LearnerProblem):
    status = Status.FAILED


class MissingName(LearnerProblem):
    def __init__(self, name: str, names: list[str]) -> None:
        close = difflib.get_close_matches(name, names, n=1)
        if close:
            message = _("Your file does not define `{name}`. It defines `{close}`: rename it to "
                        "`{name}`. The course's code uses exactly this name.").format(
                            name=name, close=close[0])
        else:
            message = _("Your file does not define `{name}`. The course's code uses exactly "
                        "this name.").format(name=name)
        super().__init__(message)
        self.name = name


class Raised(LearnerProblem):
    """The learner's code raised an exception; it travels as data from the learner process."""

    def __init__(self, info: dict, call: str) -> None:
        super().__init__(describe_raised(info, call))
        self.type_name = str(info.get("type", "Exception"))
        self.info = info


class TimedOut(LearnerProblem):
    status = Status.TIMEOUT


class Crashed(LearnerProblem):
    pass


class ImportFailed(LearnerProblem):
    """The file could not be imported, so nothing can be graded; every test repeats why."""


def raised_problem(info: dict, call: str) -> LearnerProblem:
    if info.get("type") == "NotImplementedError":
        return NotStarted(_("Not started yet: {call} still raises NotImplementedError. Replace "
                            "`raise NotImplementedError` with your code.").format(call=call))
    return Raised(info, call)


def describe_raised(info: dict, call: str) -> str:
    type_name = str(info.get("type", "Exception"))
    message = str(info.get("message", ""))
    error = f"{type_name}: {message}" if message else type_name
    lines = [_(RAISED).format(call=call, error=error)]
    lines += _frames(info)
    hint = known_hint(type_name, message)
    if hint:
        lines.append(hint)
    return "\n".join(lines)


def known_hint(type_name: str, message: str) -> str | None:
    for known_type, fragment, hint in _KNOWN_ERRORS:
        if type_name == known_type and fragment in message:
            return _(hint)
    return None


def locate(info: dict, cells: Cells | None) -> dict:
    """`info` with the place in the notebook of each of its frames ("cell 4, line 2") and of
    its syntax error: the learner process numbers the lines of the module made from the
    notebook, which the learner never sees. Unchanged for a Python file (no `cells`)."""
    if cells is None:
        return info
    # A frame's line number is text from the learner process, which may forge it: only ASCII
    # digits are read as a number ("²" is a digit to str.isdigit, and int() refuses it).
    located = dict(info, cells=cells.origin, places=[
        cells.place(int(frame[0])) if re.fullmatch("[0-9]{1,9}", str(frame[0]))
        else _("line {line}").format(line=frame[0]) for frame in info.get("frames", [])])
    if isinstance(info.get("line"), int):
        located["place"] = cells.place(info["line"])
    return located


def _frames(info: dict) -> list[str]:
    lines = []
    frames = info.get("frames", [])
    places = info.get("places") or [None] * len(frames)
    for frame, place in list(zip(frames, places, strict=False))[-6:]:
        try:
            lineno, function, text = frame
        except (TypeError, ValueError):
            continue
        if function == "<module>":
            line = _("  {place}, at the top level: {code}")
        else:
            line = _("  {place}, in {function}: {code}")
        lines.append(line.format(place=place or _("line {line}").format(line=lineno),
                                 function=function, code=str(text).strip()))
    return lines


# Why nothing could be graded when the file did not import, for a Python file (None) and for a
# notebook graded as a file or from its kernel.
_NOT_IMPORTED = {
    None: N_("Nothing could be graded: your file must import cleanly. Put code you want to try "
             "under `if __name__ == \"__main__\":`."),
    "file": N_("Nothing could be graded: your notebook's code cells must run from top to bottom "
               "without an error. Begin a cell that only tries things out with "
               "`# grader: skip`, and the grader leaves it out."),
    "kernel": N_("Nothing could be graded: checking from the notebook runs again every input "
                 "you ran in this kernel, in the order you ran them, and this one stopped with "
                 "an error. Begin cells that only try things out with `# grader: skip`, restart "
                 "the kernel (which forgets the inputs run so far), run your cells again and "
                 "check again."),
}


def import_failure(info: dict, label: str) -> str:
    """Why the file could not be imported: a syntax error with its caret, or what it raised."""
    type_name = str(info.get("type", "Exception"))
    if type_name in ("SyntaxError", "IndentationError", "TabError"):
        text = str(info.get("text") or "").rstrip("\n")
        stripped = text.lstrip()
        offset = info.get("offset")
        if "place" in info:
            lines = [_("{error} in {place} of {file}: {message}").format(
                error=type_name, place=info["place"], file=label, message=info.get("msg"))]
        else:
            lines = [_("{error} on line {line} of {file}: {message}").format(
                error=type_name, line=info.get("line"), file=label, message=info.get("msg"))]
        if stripped:
            lines.append(f"    {stripped}")
            if isinstance(offset, int) and offset > 0:
                caret = max(offset - 1 - (len(text) - len(stripped)), 0)
                lines.append("    " + " " * caret + "^")
        lines.append(_("Python could not read this cell, so no test could run. Fix this line "
                       "first.") if "place" in info else
                     _("Python could not read your file, so no test could run. Fix this line "
                       "first."))
        return "\n".join(lines)
    if type_name == "NotImplementedError":
        return _("Not started yet: importing {file} raised NotImplementedError at the top "
                 "level. Only the function bodies should raise it.").format(file=label)
    return describe_raised(info, _("Importing {file}").format(file=label)) + "\n" + _(
        _NOT_IMPORTED.get(info.get("cells"), _NOT_IMPORTED[None]))
