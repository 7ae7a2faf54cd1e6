"""The README says what is true: its course table is the catalog's, in order."""

from __future__ import annotations

import re
from pathlib import Path

from grader.course import catalog

README = Path(__file__).resolve().parent.parent / "README.md"


def _course_table() -> list[list[str]]:
    text = README.read_text(encoding="utf-8")
    block = text.split("<!-- course-table -->\n", 1)[1].split("\n\n", 1)[0]
    rows = [line for line in block.splitlines()[2:] if line.startswith("|")]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows]


def test_the_course_table_lists_every_exercise_in_course_order():
    table = _course_table()
    assert [re.sub(r"^`|`$", "", row[1]) for row in table] == catalog.names()
    for number, (row, exercise) in enumerate(zip(table, catalog.exercises(), strict=True), 1):
        assert row == [str(number), f"`{exercise.name}`", exercise.title, exercise.section,
                       str(exercise.points)]
