"""Reading gettext catalogs for the translation tests: the grader's (test_i18n.py) and a
course's (test_i18n_course.py) are held to the same rules, by the same code."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po


def messages(path: Path) -> list:
    with path.open("rb") as source:
        return [message for message in read_po(source) if message.id]


def babel_problems(path: Path) -> list[str]:
    """What `pybabel compile` refuses in the catalog: Babel's own checks, such as a placeholder
    it reads in the English (\"1% of\" is a %o to it) and misses in the translation."""
    with path.open("rb") as source:
        catalog = read_po(source)
    return [f"{forms(message)[0]!r}: {error}" for message, errors in catalog.check()
            for error in errors]


def forms(message) -> tuple[str, ...]:
    return (message.id,) if isinstance(message.id, str) else tuple(message.id)


def translations(message) -> tuple[str, ...]:
    return (message.string,) if isinstance(message.string, str) else tuple(message.string)


def extracted(folder: Path, command: list[str], out: Path) -> set[tuple[str, ...]]:
    """The messages a fresh `pybabel extract` run in `folder` finds; asserts it ran cleanly."""
    done = subprocess.run(
        [sys.executable, "-c", "from babel.messages.frontend import main; main()", *command,
         "-o", str(out), "."], cwd=folder, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "cannot be translated" not in done.stderr
    return {forms(message) for message in messages(out)}


def ascii_punctuated(po: Path) -> list[str]:
    """The Chinese sentences that end with an ASCII period or colon, not 。？！ or ："""
    found = []
    for message in messages(po):
        for chinese in translations(message):
            text = re.sub(r"`[^`]*`|<[^>]*>|\{[^{}]*\}", "", chinese).rstrip()
            if re.search(r"[\u4e00-\u9fff][.:!?,;]$", text) or re.search(
                    r"[\u4e00-\u9fff][,;:] ", text):
                found.append(chinese)
    return found


def glossary(path: Path) -> list[tuple[list[str], list[str]]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t"))
    return [(row["english"].split("|"), row["chinese"].split("|")) for row in rows]
