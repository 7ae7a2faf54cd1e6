"""`grader init --notebooks`: one notebook per exercise (the task, the stub's code, the demo kept
out of grading, the check cell), and the learner commands working on them: check without a FILE,
next, reset and watch."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from test_learner_watch import watches  # noqa: F401 (a fixture)

from grader.course import catalog
from grader.course import paths as course
from grader.study import exercise_notebooks


@pytest.fixture
def folder(run_cli, tmp_path) -> Path:
    outcome = run_cli("init", "--notebooks")
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.stdout.startswith(f"Created nn-course/ with {len(catalog.exercises())} exercise "
                                     "notebooks and a README.")
    return tmp_path / "nn-course"


def cells(path: Path) -> list[tuple[str, str]]:
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    return [(cell.cell_type, cell.source) for cell in notebook.cells]


def solution_notebook(name: str) -> str:
    source = course.solution_path(name).read_text(encoding="utf-8")
    return exercise_notebooks.notebook(catalog.get(name), source)


def test_init_writes_one_notebook_per_exercise_in_the_course_shape(folder):
    assert sorted(path.name for path in folder.glob("*.ipynb")) == \
        sorted(f"{name}.ipynb" for name in catalog.names())
    assert not list(folder.glob("*.py"))
    marker = json.loads((folder / ".grader" / "workspace.json").read_text())
    assert marker["notebooks"] is True
    found = cells(folder / "softmax.ipynb")
    assert [kind for kind, _ in found] == ["markdown", "code", "code", "code"]
    task, code, demo, check = (source for _, source in found)
    assert task.startswith("# Softmax\n") and "grader check softmax.ipynb" in task
    assert "def softmax(L):\n    raise NotImplementedError" in code
    assert '"""' not in code and "__main__" not in code
    assert demo.startswith("# grader: skip\n") and "print(softmax(z))" in demo
    assert check.endswith('from grader.notebook import check\n\ncheck("softmax")')
    assert "check(\"softmax\")" in (folder / "README.md").read_text()


def test_the_same_course_makes_the_same_notebooks(folder, run_cli, tmp_path):
    assert run_cli("init", "--notebooks", "again").exit_code == 0
    for path in folder.glob("*.ipynb"):
        assert (tmp_path / "again" / path.name).read_bytes() == path.read_bytes(), path.name


def test_check_without_a_file_grades_the_next_notebook(folder, run_cli, monkeypatch):
    monkeypatch.chdir(folder)
    first = catalog.exercises()[0]
    assert f"Edit:   {first.name}.ipynb" in run_cli("next").stdout
    outcome = run_cli("check", "--seed", 1)
    assert outcome.exit_code == 1
    assert outcome.stdout.startswith(f"{first.title} ({first.name}) — {first.name}.ipynb\n"
                                     "This part of")
    assert "Not started yet" in outcome.stdout
    assert "Cell 3 starts with `# grader: skip`, so the whole cell is left out." in \
        " ".join(outcome.stdout.split())


def test_reset_restores_a_fresh_notebook(folder, run_cli, monkeypatch):
    monkeypatch.chdir(folder)
    fresh = (folder / "softmax.ipynb").read_bytes()
    outcome = run_cli("reset", "softmax")
    assert outcome.exit_code == 0
    assert "already the untouched stub" in outcome.stdout
    (folder / "softmax.ipynb").write_text(solution_notebook("softmax"), encoding="utf-8")
    assert run_cli("check", "softmax.ipynb").exit_code == 0
    assert run_cli("reset", "softmax", input="n\n").exit_code == 1
    assert run_cli("reset", "softmax", "--force").exit_code == 0
    assert (folder / "softmax.ipynb").read_bytes() == fresh
    assert "softmax" in json.loads((folder / ".grader" / "progress.json").read_text())[
        "exercises"], "progress is kept"


def test_watch_checks_a_notebook_each_time_it_is_saved(folder, watches):  # noqa: F811
    first = catalog.exercises()[0]
    watch = watches(folder)
    title = f"{first.title} ({first.name}.ipynb): "
    assert "Not started yet" in watch.wait_for_verdict(title, 1)
    (folder / f"{first.name}.ipynb").write_text(solution_notebook(first.name), encoding="utf-8")
    assert f"{first.points}/{first.points} — full marks" in watch.wait_for_verdict(title, 2)
    assert watch.interrupt() == 0
    assert "Traceback" not in watch.output
