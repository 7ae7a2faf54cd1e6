"""The class list a batch is graded against: `grader report --roster roster.csv`.

A roster is a CSV file with a header row, a `learner` column holding the ids the submissions use
(the learners' folder or file names) and optional `name` and `email` columns; other columns are
ignored, so a platform's own export serves once its id column is called `learner`. With a roster,
every learner on it has a row in every output (0 points and "nothing submitted" when they sent
nothing), and the files of learners who are not on it are listed, not graded: an export that
holds a dropped learner or a teaching assistant's test folder does not put them in the gradebook.

A roster often comes out of a spreadsheet, so it is read with care: at most `MAX_BYTES`, UTF-8
(with or without the BOM Excel writes), its cells split at commas, semicolons or tabs (whichever
gives a `learner` column: spreadsheets in many languages save with semicolons). What would grade
the wrong class without a word is refused, naming the line: no `learner` column, a line without
an id, an id listed twice, an id that is a formula (`=A2&B2`, saved instead of its value). Names
and emails are kept as written, whatever they start with: every CSV the grader writes
neutralises formula cells, and the HTML escapes them.
"""

from __future__ import annotations

import csv
import functools
import io
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from grader import files
from grader.batch.layout import Discovery
from grader.i18n import N_, _, counted
from grader.render.text import printable_line

UNREADABLE = N_("The roster {path} cannot be read ({reason}).")
MAX_BYTES = 16 * 1024 * 1024  # 100,000 learners with long names; a real class needs kilobytes
COLUMNS = ("learner", "name", "email")
DELIMITERS = (",", ";", "\t")
SHOWN = 5  # ids shown when a message lists them


class RosterError(Exception):
    """The roster cannot be used (a usage error); the message says why and where."""


@dataclass(frozen=True)
class Member:
    learner: str
    name: str = ""
    email: str = ""


@dataclass(frozen=True)
class Outsider:
    """A learner whose files were found but who is not on the roster: listed, not graded."""

    learner: str
    paths: tuple[str, ...]
    near: str | None = None  # the roster's id that differs from this one only in case or spaces


@dataclass(frozen=True)
class Roster:
    path: str
    members: tuple[Member, ...]

    @functools.cached_property
    def _by_id(self) -> dict[str, Member]:
        return {member.learner: member for member in self.members}

    def __contains__(self, learner: str) -> bool:
        return learner in self._by_id

    def member(self, learner: str) -> Member:
        return self._by_id[learner]

    @property
    def learners(self) -> list[str]:
        return [member.learner for member in self.members]

    def split(self, found: Discovery) -> tuple[Discovery, list[Outsider]]:
        """The submissions of learners on the roster, and the learners who are not on it.

        None of them on it is a mistake (the wrong roster, or ids from another system), not a
        class where nobody submitted: `RosterError`."""
        kept = Discovery(found.root, found.layout, skipped=list(found.skipped))
        outside: dict[str, list[str]] = {}
        for submission in found.submissions:
            if submission.learner in self:
                kept.submissions.append(submission)
            else:
                outside.setdefault(submission.learner, []).append(submission.path)
        if found.submissions and not kept.submissions:
            shown = ", ".join(printable_line(name) for name in sorted(outside)[:SHOWN])
            raise RosterError(counted(
                len(outside),
                "The learner whose files are in {root} ({shown}) is not on the roster {path}. "
                "Check that the roster's learner column holds the names of the learners' "
                "folders (or files).",
                "None of the {n} learners whose files are in {root} is on the roster {path} "
                "(for example {shown}). Check that the roster's learner column holds the names "
                "of the learners' folders (or files).",
                root=found.root, path=self.path, shown=shown))
        folded = {_folded(learner): learner for learner in self.learners}
        outsiders = [Outsider(learner, tuple(paths), folded.get(_folded(learner)))
                     for learner, paths in sorted(outside.items(),
                                                  key=lambda item: item[0].casefold())]
        return kept, outsiders


def _folded(learner: str) -> str:
    return "".join(learner.split()).casefold()


def load(path: Path) -> Roster:
    """The roster in `path`, or `RosterError` saying what is wrong with it."""
    text = _text(path)
    header_line = next((line for line in text.splitlines() if line.strip()), None)
    if header_line is None:
        raise RosterError(_("The roster {path} is empty. It needs a header row with a learner "
                            "column, then one row per learner.").format(path=path))
    delimiter = _delimiter(header_line)
    if delimiter is None:
        raise RosterError(_("The roster {path} has no learner column. Its first row should "
                            "name the columns, one of them `learner` (the ids the submissions "
                            "use), with optional `name` and `email`; it names: {names}.").format(
                                path=path, names=printable_line(header_line[:200])))
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = _header(path, next(row for row in rows if any(cell.strip() for cell in row)))
        members = _members(path, rows, header)
    except csv.Error as error:
        raise RosterError(_("The roster {path} is not valid CSV at line {line}: {error}.").format(
            path=path, line=rows.line_num, error=error)) from None
    if not members:
        raise RosterError(_("The roster {path} lists no learners: it has a header row and no "
                            "row with a learner id under it.").format(path=path))
    return Roster(str(path), tuple(members))


def _text(path: Path) -> str:
    try:
        fd = files.open_regular(path.resolve(strict=True), shown=path)
    except files.Refused as refused:
        raise RosterError(_("The roster cannot be read: {reason}.").format(
            reason=refused.strerror)) from None
    except OSError as error:
        raise RosterError(_(UNREADABLE).format(path=path, reason=error.strerror)) from None
    try:
        data = files.read_capped(fd, MAX_BYTES)
    except OSError as error:
        raise RosterError(_(UNREADABLE).format(path=path, reason=error.strerror)) from None
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:
        raise RosterError(_("The roster {path} is larger than {size} MiB; a roster holds one "
                            "short row per learner. Is it the right file?").format(
                                path=path, size=MAX_BYTES // 2**20))
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise RosterError(_("The roster {path} is not UTF-8 text (line {line} cannot be read). "
                            "Save it as \"CSV UTF-8\" from your spreadsheet.").format(
                                path=path, line=line)) from None


def _delimiter(header_line: str) -> str | None:
    for delimiter in DELIMITERS:
        names = next(csv.reader([header_line], delimiter=delimiter), [])
        if "learner" in (_column(name) for name in names):
            return delimiter
    return None


def _column(name: str) -> str:
    return name.strip().casefold()


def _header(path: Path, row: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, name in enumerate(row):
        column = _column(name)
        if column in COLUMNS and column in columns:
            raise RosterError(_("The roster {path} has two {column} columns (columns {first} "
                                "and {second}); keep one.").format(
                                    path=path, column=column, first=columns[column] + 1,
                                    second=index + 1))
        columns.setdefault(column, index)
    return {column: columns[column] for column in COLUMNS if column in columns}


def _members(path: Path, rows, header: dict[str, int]) -> list[Member]:
    members: list[Member] = []
    lines: dict[str, int] = {}
    for row in rows:
        if not any(cell.strip() for cell in row):
            continue
        cells = {column: row[index].strip() if index < len(row) else ""
                 for column, index in header.items()}
        learner = unicodedata.normalize("NFC", cells["learner"])
        line = rows.line_num
        if not learner:
            raise RosterError(_("Line {line} of the roster {path} has no learner id. Fill it "
                                "in, or remove the line.").format(line=line, path=path))
        if learner.startswith("="):
            raise RosterError(_("Line {line} of the roster {path} has the formula {formula} "
                                "where a learner id belongs. Save the roster with the values the "
                                "formulas show, not the formulas.").format(
                                    line=line, path=path, formula=printable_line(learner[:80])))
        if learner in lines:
            raise RosterError(_("Line {line} of the roster {path} lists {learner} again (first "
                                "on line {first}). Each learner may be listed once.").format(
                                    line=line, path=path, learner=printable_line(learner),
                                    first=lines[learner]))
        lines[learner] = line
        members.append(Member(learner, cells.get("name", ""), cells.get("email", "")))
    return members
