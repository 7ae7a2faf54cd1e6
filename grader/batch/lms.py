"""Grade CSVs for learning platforms: `canvas.csv` and `moodle.csv` (`--format canvas|moodle`).

Both are rendered from the class view, like the gradebook, and written the same way (UTF-8,
CRLF, a text cell that would start a formula gets a leading `'`). One column per exercise, titled
with the exercise's title; an exercise a learner did not submit is 0, since that is its grade
(an empty cell would leave whatever the platform held before). There is no total column: each
platform would import it as one more assignment and count the points twice.

- Canvas (Grades > Import): the header Canvas's own gradebook export has and its importer reads
  (`Student`, `ID`, `SIS User ID`, `SIS Login ID`, `Section`, then one column per assignment),
  and a `Points Possible` row, which gives a new assignment its points. Canvas finds a student
  by `ID`, then `SIS User ID`, then `SIS Login ID`, then by name: the grader knows none of
  Canvas's numbers, so `SIS Login ID` holds the learner's id and `Student` the roster's name.
- Moodle (Grades > Import > CSV file): a header row, then one row per learner; the importer asks
  which column identifies the user (`Learner`, mapped to a username or an ID number, or
  `Email address`, which the roster provides) and which grade item each other column fills.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from grader.batch.classview import ClassView
from grader.batch.gradebook import write_csv

CANVAS = "canvas.csv"
MOODLE = "moodle.csv"
FILES = {"canvas": CANVAS, "moodle": MOODLE}
CANVAS_PEOPLE = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
POINTS_POSSIBLE = "Points Possible"
MOODLE_PEOPLE = ["Learner", "Full name", "Email address"]


def canvas_frame(view: ClassView) -> pd.DataFrame:
    titles = columns(view)
    rows = [{"Student": POINTS_POSSIBLE, "ID": "", "SIS User ID": "", "SIS Login ID": "",
             "Section": "", **{titles[exercise.name]: float(exercise.points)
                               for exercise in view.exercises}}]
    for row in view.learners:
        rows.append({"Student": row.name or row.learner, "ID": "", "SIS User ID": "",
                     "SIS Login ID": row.learner, "Section": "", **_scores(view, row, titles)})
    return _frame(rows, CANVAS_PEOPLE, titles)


def moodle_frame(view: ClassView) -> pd.DataFrame:
    titles = columns(view)
    rows = [{"Learner": row.learner, "Full name": row.name, "Email address": row.email,
             **_scores(view, row, titles)} for row in view.learners]
    return _frame(rows, MOODLE_PEOPLE, titles)


def columns(view: ClassView) -> dict[str, str]:
    """Each exercise's column: its title, and its name after it where two titles are alike."""
    titles = [exercise.title for exercise in view.exercises]
    return {exercise.name: exercise.title if titles.count(exercise.title) == 1
            else f"{exercise.title} ({exercise.name})" for exercise in view.exercises}


def _scores(view: ClassView, row, titles: dict[str, str]) -> dict[str, float]:
    return {titles[exercise.name]: row.results[exercise.name].score
            if exercise.name in row.results else 0.0 for exercise in view.exercises}


def _frame(rows: list[dict], people: list[str], titles: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=[*people, *titles.values()]).astype(
        dict.fromkeys(titles.values(), "float64"))


FRAMES = {"canvas": canvas_frame, "moodle": moodle_frame}


def write(out: Path, view: ClassView, formats: tuple[str, ...]) -> dict[str, list[Path]]:
    written = {}
    for name, frame in FRAMES.items():
        if name in formats:
            path = out / FILES[name]
            write_csv(out, path, frame(view))
            written[name] = [path]
    return written
