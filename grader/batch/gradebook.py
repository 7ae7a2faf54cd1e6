"""The CSV files: `gradebook.csv` (one row per learner) and `results.csv` (one row per test).

Both are plain CSV with a header row, UTF-8, so spreadsheets and LMS gradebook imports read them.
An exercise a learner did not submit is an empty cell in the gradebook and counts 0 in the total.
With a roster, the gradebook also has the roster's `name` and `email` beside the learner, and a
last column, `note`, that says "nothing submitted" for those on it who sent no file.
A text cell that a spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a
carriage return: a learner named `=HYPERLINK(...)`, an exception message) gets a leading `'`, as
OWASP advises, so that it shows as text; numbers are left as they are.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from grader.batch.classview import ClassView
from grader.files import write_atomically
from grader.render.text import printable_in_page

GRADEBOOK = "gradebook.csv"
RESULTS = "results.csv"
RESULT_COLUMNS = ["learner", "exercise", "submission", "exercise_status", "test", "test_name",
                  "status", "visibility", "optional", "score", "max_score", "message"]


NOTHING_SUBMITTED = "nothing submitted"


def gradebook_frame(view: ClassView) -> pd.DataFrame:
    names = [exercise.name for exercise in view.exercises]
    rostered = view.roster is not None
    rows = []
    for row in view.learners:
        scores = {name: row.results[name].score if name in row.results else None
                  for name in names}
        who = {"learner": row.learner, **({"name": row.name, "email": row.email}
                                          if rostered else {})}
        note = {"note": NOTHING_SUBMITTED if row.submitted_nothing else ""} if rostered else {}
        rows.append({**who, **scores, "total": row.total, "max_total": row.max_total,
                     "percentage": row.percentage, **note})
    columns = ["learner", *(["name", "email"] if rostered else []), *names, "total",
               "max_total", "percentage", *(["note"] if rostered else [])]
    return pd.DataFrame(rows, columns=columns).astype(
        {name: "float64" for name in [*names, "total", "max_total", "percentage"]})


def results_frame(view: ClassView) -> pd.DataFrame:
    rows = []
    for row in view.learners:
        for exercise in view.exercises:
            result = row.results.get(exercise.name)
            if result is None:
                continue
            base = {"learner": row.learner, "exercise": exercise.name,
                    "submission": result.submission, "exercise_status": result.status.value}
            if not result.tests:  # nothing could be run: one row says why
                rows.append({**base, "test": "", "test_name": "", "status": result.status.value,
                             "visibility": "", "optional": False, "score": result.score,
                             "max_score": result.max_score, "message": result.message or ""})
            for test in result.tests:
                rows.append({**base, "test": test.id, "test_name": test.name,
                             "status": test.status.value, "visibility": test.visibility.value,
                             "optional": test.optional, "score": test.score,
                             "max_score": test.max_score, "message": test.message or ""})
    return pd.DataFrame(rows, columns=RESULT_COLUMNS)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value: object) -> object:
    """A text cell that cannot start a formula, with control characters as escapes (\\x1b);
    anything else as it is."""
    if not isinstance(value, str):
        return value
    value = printable_in_page(value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def write(out: Path, view: ClassView) -> list[Path]:
    paths = [out / GRADEBOOK, out / RESULTS]
    for path, frame in zip(paths, (gradebook_frame(view), results_frame(view)), strict=True):
        write_csv(out, path, frame)
    return paths


def write_csv(out: Path, path: Path, frame: pd.DataFrame) -> None:
    """`frame` as CSV in `path` under OUT: text cells neutralised, numbers as `%g`, CRLF line
    ends (RFC 4180: a name holding a line break stays in its cell), replaced atomically."""
    frame = frame.copy()
    for column in frame.columns:
        if not pd.api.types.is_numeric_dtype(frame[column]):
            frame[column] = frame[column].map(neutralised)
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, float_format="%g", lineterminator="\r\n")
    write_atomically(path, buffer.getvalue(), below=out)
