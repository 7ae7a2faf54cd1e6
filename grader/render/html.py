"""The HTML report: one self-contained page rendered from a result, every string escaped."""

from __future__ import annotations

import datetime
import functools
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import jinja2
import markupsafe

from grader.course import paths as course
from grader.files import Refused, open_folder, write_atomically
from grader.render.text import (
    SAME_CAUSE,
    Told,
    hint_line,
    left_out_heading,
    left_out_sentence,
    stopped_hint,
    told,
)
from grader.results import Result
from grader.wording import counted, ngettext

STATE_FOLDER = ".grader"
TEMPORARY_FOLDER = "nn-grader-reports"
OWN_FOLDERS = (STATE_FOLDER, TEMPORARY_FOLDER)


@functools.cache
def environment() -> jinja2.Environment:
    """One per process: it keeps the compiled templates, which a class report of 2000 learner
    pages compiled 6000 times (0.25 s a page) when each page made its own."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(course.templates_dir())),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["card_text"] = card_text
    env.filters["readable_date"] = readable_date
    env.filters["points"] = lambda value: f"{value:g}"
    env.filters["told"] = told
    env.filters["code_spans"] = code_spans
    env.globals.update(counted=counted, ngettext=ngettext, hint_line=hint_line,
                       stopped_hint=stopped_hint, SAME_CAUSE=SAME_CAUSE,
                       left_out_heading=left_out_heading, left_out_sentence=left_out_sentence)
    return env


@dataclass(frozen=True)
class CardText:
    """A failed test's message split for its card, so that nothing on the card says it twice."""

    summary: str
    body: str
    show_input: bool


def card_text(said: Told) -> CardText:
    """The first line of the message (its likely cause is taken out already, see `told`), the
    rest of it without what the details grid already shows (the difference), and whether the
    Input row adds anything (a message such as "softmax([1, 2]) raised ..." already names the
    input)."""
    message = said.message or ""
    details = said.test.details
    if details is not None and details.diff and details.diff in message:
        message = message.replace(details.diff, "", 1)
    lines = re.sub(r"\n{2,}", "\n", message).strip("\n").splitlines()
    summary = lines[0] if lines else ""
    show_input = bool(details and details.input) and not (
        details.input in summary and not (details.expected or details.actual))
    return CardText(summary, "\n".join(lines[1:]), show_input)


def code_spans(text: str) -> markupsafe.Markup:
    """`text` escaped, its `code` spans shown as code (a learner's line in a sentence)."""
    escaped = str(markupsafe.escape(text))
    return markupsafe.Markup(re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped))


def readable_date(iso: str) -> str:
    """2026-11-29T02:12:07+00:00 -> 29 Nov 2026, 02:12 UTC; anything unreadable as it is."""
    try:
        moment = datetime.datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso
    if moment.utcoffset() == datetime.timedelta(0):
        return moment.strftime("%-d %b %Y, %H:%M UTC")
    return moment.strftime("%-d %b %Y, %H:%M %z")


def render(result: Result, *, next_exercise: dict | None = None) -> str:
    template = environment().get_template("report.html.j2")
    return template.render(result=result, next_exercise=next_exercise)


def inline(result: Result, *, next_step: str | None = None, report: Path | None = None) -> str:
    """The verdict as one block of HTML for a Jupyter notebook's output (grader/notebook.py)."""
    template = environment().get_template("notebook.html.j2")
    return template.render(result=result, next_step=next_step,
                           report=str(report) if report is not None else None)


def write_report(path: Path, result: Result, *, next_exercise: dict | None = None) -> None:
    """Write the report; the grader's own folders on the way (`.grader/reports/`, the temporary
    folder's `nn-grader-reports/`) are never entered through a link, whoever named the path."""
    write_atomically(path, render(result, next_exercise=next_exercise), below=_own_base(path))


def _own_base(path: Path) -> Path:
    """The folder holding the first of the grader's own folders on `path`'s way (else its
    folder): from there down, `write_atomically` follows no link."""
    parts = path.parent.parts
    for index, part in enumerate(parts):
        if part in OWN_FOLDERS:
            return Path(*parts[:index])
    return path.parent


def default_report_path(submission: Path, exercise: str) -> Path:
    """Beside the submission, in .grader/reports; in the temp dir if that folder is read-only.

    A link on the way is not a reason to go elsewhere: the path is returned, so that writing
    the report refuses it and says why."""
    folder = submission.resolve().parent
    try:
        reports = open_folder(folder, (STATE_FOLDER, "reports"))
    except Refused:
        return folder / STATE_FOLDER / "reports" / f"{exercise}.html"
    except OSError:
        pass
    else:
        try:
            if os.access(".", os.W_OK, dir_fd=reports):
                return folder / STATE_FOLDER / "reports" / f"{exercise}.html"
        finally:
            os.close(reports)
    return Path(tempfile.gettempdir()) / TEMPORARY_FOLDER / f"{exercise}.html"
