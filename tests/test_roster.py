"""`grader report --roster` and the LMS exports (`--format canvas`, `--format moodle`), through
the CLI as an instructor runs them, the CSVs parsed back.

The class is small and mostly made of files that are graded without running anything (an empty
file is a graded error at once), so that what is checked is the roster's effect on every output,
not the suites.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from grader import cli
from grader.course import catalog
from grader.course import paths as course

SOLUTION = course.solution_path("softmax").read_bytes()
SOFTMAX = catalog.get("softmax")
CROSS_ENTROPY = catalog.get("cross_entropy")


def report(*args) -> tuple[int, str, str]:
    outcome = CliRunner().invoke(cli.main, ["report", *map(str, args)], catch_exceptions=False)
    return outcome.exit_code, outcome.stdout, outcome.stderr


def write(root: Path, files: dict[str, bytes | str]) -> Path:
    for relative, data in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
    return root


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def header(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as file:
        return next(csv.reader(file))


ROSTER = ("learner,name,email,section\r\n"
          "ana,Ana Lima,ana@example.org,A\r\n"
          'ben,"=HYPERLINK(""http://evil.example"",""click"")",ben@example.org,A\r\n'
          "cat,\"Cat, the Third\",cat@example.org,B\r\n"
          "dan,Dan Ng,,B\r\n")


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("roster")
    submissions = write(root / "submissions", {
        "ana/softmax.py": SOLUTION,
        "ana/cross_entropy.py": b"",
        "ben/softmax.py": b"",
        "zed/softmax.py": SOLUTION,  # not on the roster
        "DAN/softmax.py": b"",  # not on it either: the roster has dan
    })
    roster = write(root, {"roster.csv": ROSTER}) / "roster.csv"
    out = root / "out"
    code, stdout, stderr = report(submissions, "-o", out, "--seed", 3, "--roster", roster,
                                  "--format", "canvas", "--format", "moodle")
    assert code == 0, stderr
    return {"root": root, "submissions": submissions, "roster": roster, "out": out,
            "stdout": stdout}


def test_every_learner_on_the_roster_is_in_the_gradebook_in_its_order(graded):
    book = graded["out"] / "gradebook.csv"
    assert header(book) == ["learner", "name", "email", "softmax", "cross_entropy", "total",
                            "max_total", "percentage", "note"]
    found = rows(book)
    assert [row["learner"] for row in found] == ["ana", "ben", "cat", "dan"]
    ana, ben, cat, dan = found
    assert (ana["softmax"], ana["cross_entropy"], ana["total"], ana["note"]) == \
        ("10", "0", "10", "")
    assert ana["name"] == "Ana Lima" and ana["email"] == "ana@example.org"
    assert ben["name"].startswith("'=HYPERLINK(")  # shown as text, never run as a formula
    for silent in (cat, dan):
        assert (silent["softmax"], silent["cross_entropy"]) == ("", "")
        assert (silent["total"], silent["percentage"], silent["note"]) == \
            ("0", "0", "nothing submitted")
        assert silent["max_total"] == "20"
    assert cat["name"] == "Cat, the Third"


def test_learners_not_on_the_roster_are_listed_and_not_graded(graded):
    out, stdout = graded["out"], graded["stdout"]
    records = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert sorted(r["batch"]["learner"] for r in records) == ["ana", "ana", "ben"]
    assert "Roster " in stdout and "4 learners, 2 of them submitted nothing." in stdout
    assert "  nothing submitted: cat, dan" in stdout
    assert "Not on the roster, so not graded (listed in index.html): 2 learners:" in stdout
    assert "  DAN: DAN/softmax.py (the roster has dan)" in stdout
    assert "  zed: zed/softmax.py" in stdout
    assert sorted(path.name for path in (out / "learners").iterdir()) == \
        ["ana.html", "ben.html", "cat.html", "dan.html"]


def test_the_class_page_shows_the_roster(graded):
    page = (graded["out"] / "index.html").read_text(encoding="utf-8")
    for learner in ("ana", "ben", "cat", "dan"):
        assert f'<tr data-learner="{learner}">' in page
    assert page.count('<span class="tag nothing">nothing submitted</span>') == 2
    assert '<span class="who">Cat, the Third</span>' in page
    assert "=HYPERLINK(&#34;http://evil.example&#34;" in page  # escaped text, no link
    outsiders = page[page.index('id="outsiders"'):]
    assert '<li data-learner="zed"><strong>zed</strong>: <code>zed/softmax.py</code>' in outsiders
    assert "(the roster has <code>dan</code>)" in outsiders
    assert '<tr data-learner="zed">' not in page
    assert "learners on the roster submitted nothing" in page


def test_canvas_csv_is_what_canvas_imports(graded):
    path = graded["out"] / "canvas.csv"
    assert header(path) == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section",
                            SOFTMAX.title, CROSS_ENTROPY.title]
    points, *learners = rows(path)
    assert points["Student"] == "Points Possible"
    assert (points[SOFTMAX.title], points[CROSS_ENTROPY.title]) == ("10", "10")
    assert [(r["Student"], r["SIS Login ID"], r[SOFTMAX.title], r[CROSS_ENTROPY.title])
            for r in learners] == [("Ana Lima", "ana", "10", "0"),
                                   ("'=HYPERLINK(\"http://evil.example\",\"click\")", "ben",
                                    "0", "0"),
                                   ("Cat, the Third", "cat", "0", "0"),
                                   ("Dan Ng", "dan", "0", "0")]
    assert all(r["ID"] == r["SIS User ID"] == r["Section"] == "" for r in learners)
    assert path.read_bytes().count(b"\r\n") == 6


def test_moodle_csv_maps_by_learner_or_email(graded):
    path = graded["out"] / "moodle.csv"
    assert header(path) == ["Learner", "Full name", "Email address", SOFTMAX.title,
                            CROSS_ENTROPY.title]
    assert [(r["Learner"], r["Email address"], r[SOFTMAX.title]) for r in rows(path)] == [
        ("ana", "ana@example.org", "10"), ("ben", "ben@example.org", "0"),
        ("cat", "cat@example.org", "0"), ("dan", "", "0")]
    assert "  canvas.csv " in graded["stdout"] and "  moodle.csv " in graded["stdout"]


def test_a_rerun_with_a_longer_roster_grades_only_the_newcomer(graded, tmp_path):
    roster = write(tmp_path, {"roster.csv": ROSTER + "zed,Zed,zed@example.org,B\r\n"})
    out = graded["out"]
    code, stdout, _ = report(graded["submissions"], "-o", out, "--seed", 3,
                             "--roster", roster / "roster.csv", "--format", "moodle")
    assert code == 0
    assert "(1 graded now, 3 kept from an earlier run)" in stdout
    assert [r["learner"] for r in rows(out / "gradebook.csv")] == ["ana", "ben", "cat", "dan",
                                                                   "zed"]
    assert rows(out / "gradebook.csv")[-1]["softmax"] == "10"
    assert not (out / "canvas.csv").exists()  # not asked for this time: stale grades go
    assert (out / "moodle.csv").exists()


def test_without_a_roster_the_gradebook_keeps_its_columns(tmp_path):
    submissions = write(tmp_path / "in", {"ana/softmax.py": b"", "ben/softmax.py": b""})
    code, _, _ = report(submissions, "-o", tmp_path / "out", "--format", "canvas")
    assert code == 0
    assert header(tmp_path / "out" / "gradebook.csv") == \
        ["learner", "softmax", "total", "max_total", "percentage"]
    canvas = rows(tmp_path / "out" / "canvas.csv")
    assert [(r["Student"], r["SIS Login ID"]) for r in canvas[1:]] == [("ana", "ana"),
                                                                       ("ben", "ben")]


def test_a_semicolon_roster_from_a_spreadsheet_with_a_bom_is_read(tmp_path):
    submissions = write(tmp_path / "in", {"ana/softmax.py": b"", "José/softmax.py": b""})
    roster = write(tmp_path, {"r.csv": "\ufeffName;Learner\r\nAna;ana\r\nJose;Jose\u0301\r\n"})
    code, _, stderr = report(submissions, "-o", tmp_path / "out", "--roster",
                             roster / "r.csv")
    assert code == 0, stderr
    book = rows(tmp_path / "out" / "gradebook.csv")
    assert [(r["learner"], r["name"], r["note"]) for r in book] == [("ana", "Ana", ""),
                                                                    ("José", "Jose", "")]


BAD_ROSTERS = [
    (b"id,name\r\nana,Ana\r\n", "has no learner column"),
    (b"learner\r\nana\r\nben\r\nana\r\n", "Line 4 of the roster {path} lists ana again (first "
                                          "on line 2). Each learner may be listed once."),
    (b"learner,name\r\nana,Ana\r\nben,B\xe9a\r\n", "is not UTF-8 text (line 3 cannot be read)"),
    (b"learner,name\r\n=A1&B1,Ana\r\n", "Line 2 of the roster {path} has the formula =A1&B1 "
                                        "where a learner id belongs."),
    (b"learner,name\r\n,Ana\r\n", "Line 2 of the roster {path} has no learner id."),
    (b"learner,learner\r\nana,ana\r\n", "has two learner columns (columns 1 and 2)"),
    (b"learner\r\n", "lists no learners"),
    (b"", "is empty"),
    (b'learner,name\r\n"ana,Ana\r\n', "is not valid CSV"),
]


@pytest.mark.parametrize(("content", "message"), BAD_ROSTERS)
def test_a_bad_roster_is_a_usage_error_before_anything_is_graded(tmp_path, content, message):
    submissions = write(tmp_path / "in", {"ana/softmax.py": SOLUTION})
    roster = write(tmp_path, {"roster.csv": content}) / "roster.csv"
    code, stdout, stderr = report(submissions, "-o", tmp_path / "out", "--roster", roster)
    assert code == 2
    assert message.format(path=roster) in stderr
    assert stdout == "" and not (tmp_path / "out").exists()


def test_a_roster_that_matches_nobody_is_a_usage_error(tmp_path):
    submissions = write(tmp_path / "in", {"s1/softmax.py": b"", "s2/softmax.py": b""})
    roster = write(tmp_path, {"roster.csv": "learner\r\nana\r\nben\r\n"}) / "roster.csv"
    code, _, stderr = report(submissions, "-o", tmp_path / "out", "--roster", roster)
    assert code == 2
    assert (f"None of the 2 learners whose files are in {submissions} is on the roster "
            f"{roster} (for example s1, s2).") in stderr
    assert not (tmp_path / "out").exists()


def test_a_roster_that_is_a_fifo_or_missing_is_refused(tmp_path):
    submissions = write(tmp_path / "in", {"ana/softmax.py": b""})
    fifo = tmp_path / "roster.csv"
    os.mkfifo(fifo)
    code, _, stderr = report(submissions, "-o", tmp_path / "out", "--roster", fifo)
    assert code == 2 and "a FIFO (named pipe), not a regular file" in stderr
    code, _, stderr = report(submissions, "-o", tmp_path / "out", "--roster",
                             tmp_path / "nowhere.csv")
    assert code == 2 and "cannot be read (No such file or directory)" in stderr
