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
from markupsafe import Markup, escape

from grader import i18n
from grader.course import paths as course
from grader.feedback import NOT_STARTED
from grader.files import Refused, open_folder, write_atomically
from grader.i18n import N_, _
from grader.render import charts
from grader.render.text import (
    SAME_CAUSE,
    Told,
    hint_line,
    isolation_text,
    left_out_heading,
    left_out_sentence,
    printable_in_page,
    stopped_hint,
    told,
)
from grader.results import Result

STATE_FOLDER = ".grader"
TEMPORARY_FOLDER = "nn-grader-reports"
OWN_FOLDERS = (STATE_FOLDER, TEMPORARY_FOLDER)


@functools.cache
def _as_written(value):
    """Every value a page shows (learner names, messages, printed output, file names, whatever
    the learner controls) with its control characters as escapes: one place for every page."""
    if isinstance(value, Markup):
        return Markup(printable_in_page(str(value)))
    if isinstance(value, str):
        return printable_in_page(value)
    return value


def environment() -> jinja2.Environment:
    """One per process: it keeps the compiled templates, which a class report of 2000 learner
    pages compiled 6000 times (0.25 s a page) when each page made its own."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(course.templates_dir())),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
        finalize=_as_written,
    )
    env.install_gettext_callables(template_gettext, template_ngettext, newstyle=False)
    env.filters["card_text"] = card_text
    env.filters["readable_date"] = readable_date
    env.filters["isolation"] = isolation_text
    env.filters["points"] = lambda value: f"{value:g}"
    env.filters["told"] = told
    env.filters["translate"] = i18n.gettext  # a catalog text: plain text, escaped as any value
    env.filters["code_spans"] = code_spans
    env.globals.update(hint_line=hint_line, stopped_hint=stopped_hint, same_cause=same_cause,
                       html_lang=i18n.html_lang, without_not_started=without_not_started,
                       status_word=status_word, problem_kind=problem_kind,
                       left_out_heading=left_out_heading, left_out_sentence=left_out_sentence,
                       chart_svg=charts.svg)
    return env


# What the pages call a status (results.Status) and a class's kind of problem
# (classview.problem_kind), translated when shown; the values themselves are data.
STATUS_WORDS = {"passed": N_("passed"), "failed": N_("failed"), "error": N_("error"),
                "timeout": N_("timed out"), "skipped": N_("not attempted")}
PROBLEM_KINDS = {"error": N_("error"), "timeout": N_("timeout"),
                 "grader failure": N_("grader failure")}


def status_word(status: str) -> str:
    return _(STATUS_WORDS[status])


def problem_kind(kind: str) -> str:
    return _(PROBLEM_KINDS[kind])


def template_gettext(message: str, **values: object) -> Markup:
    """`_()` in a template: the translation, its placeholders filled with escaped values. The
    message ids are the templates' own literals, so a translation may hold markup."""
    return Markup(i18n.gettext(message)).format(**values)


def template_ngettext(singular: str, plural: str, n: int, **values: object) -> Markup:
    """`ngettext()` in a template, as `template_gettext`; `{n}` is the number."""
    return Markup(i18n.ngettext(singular, plural, n)).format(n=n, **values)


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


MONTHS = (N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"), N_("Jul"),
          N_("Aug"), N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec"))


def code_spans(text: str) -> Markup:
    """`text` escaped, its `code` spans shown as code (a learner's line in a sentence)."""
    return Markup(re.sub(r"`([^`]+)`", r"<code>\1</code>", str(escape(text))))


def readable_date(iso: str) -> str:
    """2026-11-29T02:12:07+00:00 -> 29 Nov 2026, 02:12 UTC (2026年11月29日 02:12 UTC); anything
    unreadable as it is."""
    try:
        moment = datetime.datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso
    zone = "UTC" if moment.utcoffset() == datetime.timedelta(0) else moment.strftime("%z")
    return _("{day} {month} {year}, {time}").format(
        day=moment.day, month=_(MONTHS[moment.month - 1]), year=moment.year,
        time=f"{moment:%H:%M} {zone}".rstrip())


def same_cause() -> str:
    return _(SAME_CAUSE)


def without_not_started(message: str) -> str:
    """A "not started yet" message without its label, which the panel's heading says already:
    "Not started yet: weight1 ... still have ..." -> "Weight1 ... still have ...". The message
    is in the language it was graded in, which may not be the page's."""
    for label in i18n.variants(NOT_STARTED):
        if message.startswith(label):
            rest = message.removeprefix(label).lstrip(":：").lstrip()
            return rest[:1].upper() + rest[1:]
    return message


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
