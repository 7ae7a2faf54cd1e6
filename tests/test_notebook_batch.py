"""Notebooks in a class: graded beside .py files, in a folder and in a zip; a learner with both
for one exercise is told which was graded. And over the whole catalog, every stub `grader init
--notebooks` writes grades 0 (not started) and every solution made into a notebook full marks."""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path

import nbformat
import pytest
from click.testing import CliRunner
from nbformat import v4

from grader import cli
from grader.batch import layout
from grader.course import catalog
from grader.course import paths as course
from grader.feedback import NOT_STARTED
from grader.study import exercise_notebooks

SEED = 20261129


def notebook_of(name: str, source: str) -> bytes:
    return exercise_notebooks.notebook(catalog.get(name), source).encode("utf-8")


def solution(name: str) -> str:
    return course.solution_path(name).read_text(encoding="utf-8")


def stub(name: str) -> str:
    return course.stub_path(name).read_text(encoding="utf-8")


CLASS = {
    "alice/softmax.ipynb": notebook_of("softmax", solution("softmax")),
    "alice/cross_entropy.py": solution("cross_entropy").encode(),
    "bob/softmax.py": solution("softmax").encode(),
    "bob/softmax.ipynb": notebook_of("softmax", stub("softmax")),
    "carol/softmax.ipynb": b"def softmax(L):\n    return L\n",
    "dan/cross_entropy.ipynb": nbformat.writes(v4.new_notebook(cells=[
        v4.new_markdown_cell("# Cross entropy"),
        v4.new_code_cell("import numpy as np\n\ndef cross_entropy(Y, P)\n    return 0\n")])
    ).encode(),
}


def write(root: Path, files: dict[str, bytes]) -> Path:
    for relative, data in files.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_bytes(data)
    return root


def zipped(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for relative, data in files.items():
            archive.writestr(f"export/{relative}", data)
    return path


def report(*args) -> tuple[int, str, str]:
    outcome = CliRunner().invoke(cli.main, ["report", *map(str, args)], catch_exceptions=False)
    return outcome.exit_code, outcome.stdout, outcome.stderr


def records(out: Path) -> dict[tuple[str, str], dict]:
    lines = (out / "results.jsonl").read_text(encoding="utf-8").splitlines()
    return {(r["batch"]["learner"], r["exercise"]): r for r in map(json.loads, lines)}


@pytest.mark.parametrize("packed", [False, True], ids=["folder", "zip"])
def test_a_class_mixing_notebooks_and_python_files(tmp_path, packed):
    source = zipped(tmp_path / "class.zip", CLASS) if packed else write(tmp_path / "class", CLASS)
    out = tmp_path / "out"
    code, stdout, stderr = report(source, "-o", out, "--seed", SEED)
    assert code == 0, stderr
    found = records(out)
    assert set(found) == {("alice", "softmax"), ("alice", "cross_entropy"), ("bob", "softmax"),
                          ("carol", "softmax"), ("dan", "cross_entropy")}
    alice = found[("alice", "softmax")]
    assert alice["status"] == "passed" and alice["notebook"] == "file"
    assert alice["left_out"][0]["reason"] == "skip", "the notebook's demo cell"
    assert found[("alice", "cross_entropy")]["status"] == "passed"
    bob = found[("bob", "softmax")]
    assert bob["batch"]["path"] == "bob/softmax.py" and bob["status"] == "passed"
    assert "Skipped 1 file (listed in index.html):\n  bob/softmax.ipynb: bob/softmax.py was " \
           "graded instead" in stdout
    carol = found[("carol", "softmax")]
    assert carol["status"] == "error"
    assert carol["message"].startswith("The file is not a notebook: it is not valid JSON")
    dan = found[("dan", "cross_entropy")]
    assert dan["status"] == "error"
    assert "SyntaxError in cell 2, line 3 of cross_entropy.ipynb" in dan["message"]
    page = (out / "learners" / "alice.html").read_text(encoding="utf-8")
    assert 'class="panel left-out"' in page
    assert "Files not graded" not in page
    page = (out / "learners" / "bob.html").read_text(encoding="utf-8")
    assert ("<li><code>bob/softmax.ipynb</code>: bob/softmax.py was graded instead: when a "
            "learner hands in both a .py file and a notebook for one exercise, the .py file is "
            "graded</li>") in page, "the learner is told which of the two was graded"
    with (out / "gradebook.csv").open(encoding="utf-8", newline="") as file:
        assert {row["learner"] for row in csv.DictReader(file)} == {"alice", "bob", "carol",
                                                                     "dan"}


def test_a_learner_with_both_is_told_which_was_graded(tmp_path):
    found = layout.discover(write(tmp_path / "class", CLASS))
    skipped = {item.path: item.reason for item in found.skipped}
    assert skipped == {"bob/softmax.ipynb": (
        "bob/softmax.py was graded instead: when a learner hands in both a .py file and a "
        "notebook for one exercise, the .py file is graded")}


def test_one_file_per_learner_may_be_a_notebook(tmp_path):
    files = {"alice.ipynb": CLASS["alice/softmax.ipynb"], "bob.py": solution("softmax").encode(),
             "bob.ipynb": CLASS["bob/softmax.ipynb"],
             "carol/work.ipynb": CLASS["alice/softmax.ipynb"], "carol/notes.ipynb": b"{}",
             "carol/softmax.ipynb": CLASS["alice/softmax.ipynb"]}
    found = layout.discover(write(tmp_path / "class", files), "softmax")
    assert {(s.learner, s.path) for s in found.submissions} == {
        ("alice", "alice.ipynb"), ("bob", "bob.py"), ("carol", "carol/softmax.ipynb")}
    skipped = {item.path: item.reason for item in found.skipped}
    assert skipped["bob.ipynb"].startswith("bob.py was graded instead")
    assert skipped["carol/work.ipynb"] == ("another file of carol was graded: "
                                           "carol/softmax.ipynb")


def test_every_stub_notebook_is_not_started_and_every_solution_notebook_gets_full_marks(
        run_cli, tmp_path):
    assert run_cli("init", "--notebooks", "stubs").exit_code == 0
    submissions = tmp_path / "class"
    files = {f"stubs/{path.name}": path.read_bytes()
             for path in (tmp_path / "stubs").glob("*.ipynb")}
    files.update({f"solutions/{exercise.name}.ipynb": notebook_of(exercise.name,
                                                                  solution(exercise.name))
                  for exercise in catalog.exercises()})
    write(submissions, files)
    code, _, stderr = report(submissions, "-o", tmp_path / "out", "--seed", SEED, "-j", 2)
    assert code == 0, stderr
    found = records(tmp_path / "out")
    for exercise in catalog.exercises():
        stubbed = found[("stubs", exercise.name)]
        assert stubbed["score"] == 0 and stubbed["status"] == "failed", exercise.name
        assert stubbed["message"].startswith(NOT_STARTED), exercise.name
        solved = found[("solutions", exercise.name)]
        failing = [(t["name"], t["message"]) for t in solved["tests"] if t["status"] != "passed"]
        assert solved["status"] == "passed", (exercise.name, failing)
        assert solved["score"] == exercise.points, exercise.name
        assert solved["output"] == "", exercise.name
