"""Jupyter notebooks as the learner's module: the code cells in order, and where each line is from.

The conversion runs before anything reaches the learner process, which gets plain Python source
and never the notebook: in the process that grades a file (`grader check`, the batch), or in the
kernel for `check()`, which reads the kernel's inputs as text. Nothing here runs a line of the
learner's code (compiling an input, below, runs none of it).

IPython's own syntax means nothing to plain Python, so it is left out, as IPython itself would
have turned it into calls: line magics (`%matplotlib inline`), shell commands (`!pip install
...`), help requests (`np.exp?`), and whole cells that start with a cell magic (`%%timeit`) or
with `# grader: skip` (plots and experiments a learner keeps out of grading). A left-out line
becomes `pass` at its own indentation, so every other line keeps its number and a block around
it stays a block. The result lists what was left out and why; `Cells` turns a line of the module
back into "cell 4, line 2".

Only the start of a logical line can be IPython syntax (a `%` that continues an expression,
`("%d"\\n % n)`, is Python's operator), so the lines are tokenized to find those starts.

Two sources. A notebook file: its cells are counted from the top, markdown cells included, as a
learner counts them on screen. The inputs run in a kernel (`from_inputs`), In [n], in the order
they ran: running them again in that order rebuilds what the kernel holds, the most recent
definition winning. An input that Python could not compile ran nothing in the kernel, so it is
left out rather than stopping the rest.
"""

from __future__ import annotations

import io
import json
import re
import sys
import tokenize
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from grader.i18n import _
from grader.results import REORDERING, LeftOut

MAX_NOTEBOOK_BYTES = 16 * 1024 * 1024  # outputs (plots) make notebooks large; the code is capped
# JSON values cost memory once parsed, up to 28 times their bytes (`[],[],...`, measured by
# bench/notebooks.py): a notebook with more `[`, `{` and `,` than this is refused before it is
# parsed. A real one has a few per line of code or output.
MAX_JSON_PARTS = 1_000_000
# The code a submission may hold (grading.MAX_SOURCE_BYTES), here counted in characters before
# the cells are converted: converting costs a cell of magics 400 bytes of memory a line.
MAX_CODE_CHARS = 1024 * 1024
MAX_CODE = 200  # characters of a left-out line the result keeps
MAX_LEFT_OUT = 50  # entries listed; the rest are counted in one last entry, reason "more"
FILE, KERNEL = "file", "kernel"
MAGIC, SHELL, HELP, CELL_MAGIC, SKIP, SYNTAX, MORE = (
    "magic", "shell", "help", "cell magic", "skip", "syntax error", "more")

_SKIP_MARK = re.compile(r"#\s*grader\s*:\s*skip", re.IGNORECASE)
_ESCAPE = re.compile(r"[ \t]*([%!?])")
_ASSIGNED = re.compile(r"[ \t]*[A-Za-z_][\w.]*(?:[ \t]*,[ \t]*[A-Za-z_][\w.]*)*[ \t]*=[ \t]*([%!])")
_HELP_AFTER = re.compile(r"[ \t]*%*[A-Za-z_][\w.]*\?{1,2}[ \t]*")
_REASONS = {"%": MAGIC, "!": SHELL, "?": HELP}
_NEUTRAL = str.maketrans("%!?", "___")
_SURROGATE = re.compile("[\ud800-\udfff]")
# What a terminal obeys or a browser reorders by: the controls, and the bidirectional overrides
# and isolates (an RLO in a left-out line turned the rest of its sentence backwards in the HTML
# report).
_CONTROL = re.compile(f"[\x00-\x1f\x7f-\x9f{REORDERING}]")
_LAYOUT = {tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT,
           tokenize.ENDMARKER, tokenize.ENCODING}


class NotANotebook(ValueError):
    """The file cannot be read as a Jupyter notebook; the message is for the learner."""


@dataclass(frozen=True)
class Cells:
    """Where the module's lines came from: `spans` are (first module line, cell, lines), in
    module order; `origin` says whether the cells are a file's (counted from the top) or a
    kernel's inputs (In [n])."""

    origin: str
    spans: tuple[tuple[int, int, int], ...]

    def find(self, line: int) -> tuple[int, int] | None:
        """The cell and the line within it that module line `line` came from."""
        index = bisect_right(self.spans, line, key=lambda span: span[0]) - 1
        if index < 0:
            return None
        first, cell, count = self.spans[index]
        return (cell, line - first + 1) if line < first + count else None

    def place(self, line: int) -> str:
        """"cell 4, line 2" (or "In [4], line 2" for a kernel's input); "line 9" if unknown."""
        found = self.find(line)
        if found is None:
            return _("line {line}").format(line=line)
        cell, within = found
        if self.origin == KERNEL:
            return _("In [{cell}], line {line}").format(cell=cell, line=within)
        return _("cell {cell}, line {line}").format(cell=cell, line=within)

    def to_json(self) -> dict[str, Any]:
        return {"origin": self.origin, "spans": [list(span) for span in self.spans]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Cells:
        spans = tuple((int(first), int(cell), int(count)) for first, cell, count in data["spans"])
        if data["origin"] not in (FILE, KERNEL):
            raise ValueError(f"unknown origin {data['origin']!r}")
        return cls(data["origin"], spans)


@dataclass(frozen=True)
class Module:
    """What the learner process imports, and how its lines map back to the notebook."""

    text: str
    cells: Cells
    left_out: tuple[LeftOut, ...]

    @property
    def code_cells(self) -> int:
        return len(self.cells.spans)


def read(raw: bytes, label: str = "notebook.ipynb") -> Module:
    """A notebook file's code cells as one module. Raises `NotANotebook` (the message is for
    the learner, naming the file `label`) when the file is too large, not JSON, or not a
    notebook, or when its code is larger than a submission may be."""
    return _module(_code_cells(_load(raw), label), FILE, None)


def from_inputs(inputs: Iterable[tuple[int, str]], compiles: Callable[[str], bool]) -> Module:
    """The inputs a kernel ran, (execution number, source) in the order they ran, as one
    module; an input that does not compile is left out, as it ran nothing in the kernel.
    `compiles` is asked in the kernel itself (grader.notebook): the grader's own processes
    never compile learner text."""
    return _module(inputs, KERNEL, compiles)


def code_too_large(label: str, kib: int) -> str:
    """Said when a notebook's code, before its conversion or after, passes `kib` KiB."""
    return _("The code in {file} is larger than {size} KiB, the most a submission may hold. "
             "Did you submit the right notebook?").format(file=label, size=kib)


def too_large() -> str:
    return _("The notebook is larger than {size} MiB, the most the grader reads. Its outputs "
             "(plots, long printouts) are most of that: clear them (in Jupyter: Edit > Clear "
             "Outputs of All Cells), save, and check again.").format(
                 size=MAX_NOTEBOOK_BYTES // 2**20)


def _load(raw: bytes) -> Any:
    if len(raw) > MAX_NOTEBOOK_BYTES:
        raise NotANotebook(too_large())
    if sum(raw.count(mark) for mark in (b"[", b"{", b",")) > MAX_JSON_PARTS:
        raise NotANotebook(_("The notebook holds more than {count:,} values, more than the "
                             "grader reads; its outputs (long printouts) are most of them. "
                             "Clear them (in Jupyter: Edit > Clear Outputs of All Cells), save, "
                             "and check again.").format(count=MAX_JSON_PARTS))
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise NotANotebook(_("The file is not a notebook: it is not UTF-8 text (byte {byte} "
                             "cannot be read), and Jupyter saves notebooks as UTF-8.").format(
                                 byte=error.start)) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise NotANotebook(_("The file is not a notebook: it is not valid JSON (line {line}, "
                             "column {column}: {error}). Jupyter always saves valid JSON; was "
                             "the file cut short, or edited as text? Open it in Jupyter and "
                             "save it again.").format(line=error.lineno, column=error.colno,
                                                      error=error.msg)) from None
    except RecursionError:
        raise NotANotebook(_("The file is not a notebook: its JSON is nested too deeply to "
                             "be one.")) from None
    except ValueError:  # Python reads no integer of more digits than this, as a defence
        raise NotANotebook(_("The file is not a notebook: it holds a number of more than "
                             "{digits} digits, and no notebook does. Open it in Jupyter and "
                             "save it again.").format(
                                 digits=sys.get_int_max_str_digits())) from None
    if not isinstance(data, dict) or "nbformat" not in data:
        raise NotANotebook(_("The file is JSON, but not a Jupyter notebook (it has no "
                             "\"nbformat\" version). Save your work from Jupyter as a "
                             "notebook, or put your code in a .py file."))
    major, minor = data.get("nbformat"), data.get("nbformat_minor", 0)
    if type(major) is not int or major not in (3, 4) or type(minor) is not int:
        raise NotANotebook(_("The notebook is in format {format!r}, and the grader reads "
                             "formats 3 and 4 (what Jupyter has saved since 2013). Open it in "
                             "Jupyter and save it again.").format(format=str(major)[:20]))
    return data if major == 4 else _from_format_3(data)


def _no_cells() -> str:
    return _("The file is JSON, but not a notebook the grader can read (it has no list of "
             "cells). Open it in Jupyter and save it again.")


def _check_cells(cells: Any) -> None:
    """What the grader reads of a format 4 notebook is there, in the form Jupyter saves it."""
    if not isinstance(cells, list):
        raise NotANotebook(_no_cells())
    for number, cell in enumerate(cells, start=1):
        source = cell.get("source", "") if isinstance(cell, dict) else None
        if not isinstance(source, str) and not (
                isinstance(source, list) and all(isinstance(line, str) for line in source)):
            raise NotANotebook(_("Cell {number} of the notebook is not a cell as Jupyter saves "
                                 "one (its text is missing or is not text). Open the notebook "
                                 "in Jupyter and save it again.").format(number=number))


def _from_format_3(data: dict) -> dict:
    """What the grader reads of a format 3 notebook (saved before 2015), laid out as format 4,
    as nbformat's upgrade lays it out: the cells of every worksheet in order, and a code cell's
    `input` as its source. nbformat is not asked: its upgrade validates the whole notebook,
    outputs included, and took 150 seconds and 6.7 GB for one cell of 150,000 outputs (9.7 MiB)."""
    worksheets = data.get("worksheets", [])
    if not isinstance(worksheets, list) or not all(
            isinstance(sheet, dict) and isinstance(sheet.get("cells"), list)
            for sheet in worksheets):
        raise NotANotebook(_no_cells())
    cells = []
    for sheet in worksheets:
        for cell in sheet["cells"]:
            if isinstance(cell, dict) and cell.get("cell_type") == "code":
                cell = {"cell_type": "code", "source": cell.get("input", "")}
            cells.append(cell)
    return {"cells": cells}


def _code_cells(notebook: Any, label: str) -> list[tuple[int, str]]:
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    _check_cells(cells)
    found = []
    size = 0
    for number, cell in enumerate(cells, start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        found.append((number, source if isinstance(source, str) else "".join(source)))
        size += len(found[-1][1])
        if size > MAX_CODE_CHARS:
            raise NotANotebook(code_too_large(label, MAX_CODE_CHARS // 1024))
    if not found:
        raise NotANotebook(_("The notebook has no code cells, so there is nothing to grade. "
                             "Write your code in a code cell, save the notebook, and check "
                             "again."))
    return found


def _module(cells: Iterable[tuple[int, str]], origin: str,
            compiles: Callable[[str], bool] | None) -> Module:
    lines: list[str] = []
    spans: list[tuple[int, int, int]] = []
    left_out: list[LeftOut] = []
    for number, source in cells:
        _check_text(number, source, origin)
        converted, dropped = _convert(number, source)
        if compiles is not None and converted and not compiles("\n".join(converted) + "\n"):
            first = next(line for line in converted if line.strip())
            left_out.append(LeftOut(number, 1, len(converted), _cut(first.strip()), SYNTAX))
            continue
        left_out += dropped
        if converted:
            spans.append((len(lines) + 1, number, len(converted)))
            lines += converted
    text = "\n".join(lines) + "\n" if lines else ""
    return Module(text, Cells(origin, tuple(spans)), _capped(left_out))


def _check_text(number: int, source: str, origin: str) -> None:
    """Refuse what JSON can write and Python source cannot hold: half of a character (a lone
    surrogate, "\\ud800" in the file), which no UTF-8 text can carry to the learner process,
    and in a file a NUL character. A kernel never ran an input holding NUL (it did not compile),
    so that input is left out like any other that did not compile."""
    surrogate = _SURROGATE.search(source)
    if surrogate is not None:
        escape = f"\\u{ord(surrogate.group()):04x}"
        if origin == KERNEL:
            raise NotANotebook(_("In [{number}] holds half of a character (a lone surrogate, "
                                 "{escape}), which is not text Python can read. Delete it, run "
                                 "the cell again and check again.").format(
                                     number=number, escape=escape))
        raise NotANotebook(_("Cell {number} of the notebook holds half of a character (a lone "
                             "surrogate, {escape}), which is not text Python can read. Delete "
                             "it, save the notebook and check again.").format(
                                 number=number, escape=escape))
    if origin == FILE and "\x00" in source:
        raise NotANotebook(_("Cell {number} of the notebook holds a NUL character (\\x00), "
                             "which Python source cannot contain. Delete it, save the notebook "
                             "and check again.").format(number=number))



def _capped(left_out: list[LeftOut]) -> tuple[LeftOut, ...]:
    if len(left_out) <= MAX_LEFT_OUT:
        return tuple(left_out)
    kept, rest = left_out[:MAX_LEFT_OUT - 1], left_out[MAX_LEFT_OUT - 1:]
    first = rest[0]
    return (*kept, LeftOut(first.cell, first.line, sum(item.lines for item in rest), "", MORE))


def _cut(code: str) -> str:
    """A left-out line as every report shows it: its controls written as escapes, then cut."""
    shown = _CONTROL.sub(lambda match: match.group().encode("unicode_escape").decode(), code)
    return shown if len(shown) <= MAX_CODE else shown[:MAX_CODE - 1] + "…"


def _convert(number: int, source: str) -> tuple[list[str], list[LeftOut]]:
    """One cell's lines as Python (IPython syntax made `pass`), and what was left out; no
    lines when the whole cell is left out or empty."""
    lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    first = next((index for index, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return [], []
    head = lines[first].strip()
    whole = CELL_MAGIC if head.startswith("%%") else SKIP if _SKIP_MARK.fullmatch(head) \
        else None
    if whole is not None:
        return [], [LeftOut(number, first + 1, len(lines) - first, _cut(head), whole)]
    lines = _dedented(lines, first)
    out, left_out = list(lines), []
    for index, (count, reason) in _escaped(lines).items():
        line = lines[index]
        out[index] = line[:len(line) - len(line.lstrip())] + "pass"
        out[index + 1:index + count] = [""] * (count - 1)
        left_out.append(LeftOut(number, index + 1, count, _cut(line.strip()), reason))
    return out, left_out


def _dedented(lines: list[str], first: int) -> list[str]:
    """IPython's leading-indent rule: the first line's indentation is removed from every line
    that has it, so that code pasted from inside a block runs."""
    indent = lines[first][:len(lines[first]) - len(lines[first].lstrip(" \t"))]
    if not indent:
        return lines
    return [line[len(indent):] if line.startswith(indent) else line for line in lines]


def _escaped(lines: list[str]) -> dict[int, tuple[int, str]]:
    """The lines that start a logical line with IPython syntax: index -> (lines it spans,
    with its backslash continuations; reason)."""
    candidates: dict[int, tuple[int, str]] = {}
    index = 0
    while index < len(lines):
        reason = _ipython(lines[index])
        if reason is None:
            index += 1
            continue
        count = 1
        while lines[index + count - 1].endswith("\\") and index + count < len(lines):
            count += 1
        candidates[index] = (count, reason)
        index += count
    if not candidates:
        return {}
    if list(candidates) == [next(index for index, line in enumerate(lines) if line.strip())]:
        return candidates  # a cell's first line starts a logical line: no need to tokenize
    starts = _logical_starts(lines, candidates)
    return {index: found for index, found in candidates.items()
            if starts is None or index in starts}


def _ipython(line: str) -> str | None:
    """Why `line` would be IPython syntax at the start of a logical line (None if it is not)."""
    if _HELP_AFTER.fullmatch(line):
        return HELP
    match = _ESCAPE.match(line) or _ASSIGNED.match(line)
    return _REASONS[match.group(1)] if match else None


def _logical_starts(lines: list[str], candidates: dict[int, tuple[int, str]]) -> set[int] | None:
    """The indices of lines where a logical line starts; None when the cell cannot be tokenized
    (a learner's syntax error, which grading reports: what is left out of a cell that cannot
    run anyway does not matter). The candidates' %, ! and ? become _ first, which Python's
    tokenizer reads everywhere, and every bracket and quote stays where it was."""
    neutral = list(lines)
    for index in candidates:
        neutral[index] = lines[index].translate(_NEUTRAL)
    starts: set[int] = set()
    at_start = True
    tokens = tokenize.generate_tokens(io.StringIO("\n".join(neutral) + "\n").readline)
    try:
        for token in tokens:
            if token.type == tokenize.NEWLINE:
                at_start = True
            elif token.type not in _LAYOUT:
                if at_start:
                    starts.add(token.start[0] - 1)
                at_start = False
    except (tokenize.TokenError, SyntaxError):
        return None
    return starts
