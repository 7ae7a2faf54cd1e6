"""The course is whole: every catalog entry has a stub, a solution and a suite that agree,
every stub grades to 0 as "not started yet", and every solution gets full marks (checked by
`grader dev check`, as any course author would)."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest

from grader.course import catalog
from grader.course import paths as course

NAMES = catalog.names()


def test_every_file_has_a_catalog_entry_and_every_entry_has_its_files():
    builtin = catalog.builtin()
    stubs = {p.stem for p in builtin.stubs_dir.glob("*.py")}
    solutions = {p.stem for p in builtin.solutions_dir.glob("*.py")}
    suites = {p.stem.removeprefix("test_") for p in builtin.suites_dir.glob("test_*.py")}
    assert stubs == set(NAMES), "exercises/ and the catalog disagree"
    assert solutions == set(NAMES), "solutions/ and the catalog disagree"
    assert suites == set(NAMES), "the suites and the catalog disagree"


@pytest.mark.parametrize("name", NAMES)
def test_catalog_entry_is_complete(name):
    exercise = catalog.get(name)
    assert exercise.title and exercise.task and exercise.section
    assert len(exercise.hints) >= 2
    assert exercise.points > 0


def _copy(source, tmp_path):
    """Grade a copy, so that the checkout's own progress file is never touched."""
    copy = tmp_path / "submitted" / source.name
    copy.parent.mkdir()
    copy.write_bytes(source.read_bytes())
    return copy


def test_the_builtin_course_passes_dev_check(run_cli):
    """`grader dev check`: every stub scores 0 and each of its failures says "not started",
    every solution gets the catalog's points with no failed challenge and prints nothing, and
    every corpus file grades as labelled (with the seed `grader check` would give it; the
    corpus test tries more seeds)."""
    outcome = run_cli("dev", "check")
    assert outcome.exit_code == 0, outcome.stdout
    rows = [line.split() for line in outcome.stdout.splitlines()[1:len(NAMES) + 1]]
    assert [row[0] for row in rows] == NAMES
    for row in rows:
        points = f"{catalog.get(row[0]).points:g}"
        assert row[1:3] == [f"0/{points}", f"{points}/{points}"], row


def test_the_readmes_first_command_shows_a_clean_verdict(run_cli, tmp_path):
    """`grader check solutions/softmax.py`: full marks, no likely cause, nothing printed."""
    outcome = run_cli("check", _copy(course.solution_path("softmax"), tmp_path))
    assert outcome.exit_code == 0
    assert "Score: 10/10 — full marks" in outcome.stdout
    for word in ("Likely cause", "Hint", "printed", "✗", "○"):
        assert word not in outcome.stdout


def _definitions(tree: ast.Module) -> dict[str, ast.stmt]:
    """The module's top-level functions, classes and names assigned, by name."""
    found: dict[str, ast.stmt] = {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            found[node.name] = node
        elif isinstance(node, ast.Assign):
            found.update((target.id, node) for target in node.targets
                         if isinstance(target, ast.Name))
    return found


def _is_demo(node: ast.stmt) -> bool:
    return isinstance(node, ast.If) and ast.unparse(node.test) in (
        "__name__ == '__main__'", "'__main__' == __name__")


def _filled_in(name: str) -> str:
    """The stub as a learner leaves it once done: its own imports and demo, with the reference
    solution's definitions in place of the stub's (and the solution's helpers, if any). The
    solution's imports are left out on purpose: the stub's must be enough."""
    stub = ast.parse(course.stub_path(name).read_text(encoding="utf-8"))
    solution = _definitions(ast.parse(course.solution_path(name).read_text(encoding="utf-8")))
    ours = _definitions(stub)
    body, placed = [], set()
    for node in stub.body:
        names = [key for key, value in ours.items() if value is node and key in solution]
        if _is_demo(node):
            body += [definition for key, definition in solution.items()
                     if key not in ours and definition not in placed]
        if names:
            replacement = solution[names[0]]
            if replacement not in placed:
                body.append(replacement)
                placed.add(replacement)
            continue
        body.append(node)
    return ast.unparse(ast.Module(body=body, type_ignores=[]))


DEMOS = [name for name in NAMES
         if any(_is_demo(node) for node in ast.parse(course.stub_path(name).read_text()).body)]


def test_the_stubs_that_the_course_gives_a_demo_keep_it():
    assert {"softmax", "cross_entropy", "and_perceptron", "backprop"} <= set(DEMOS)


@pytest.mark.parametrize("name", DEMOS)
def test_each_stubs_demo_runs_once_the_stub_is_filled_in(tmp_path, name):
    """Every demo works with the stub's own imports once the learner has written the bodies
    (softmax's and cross_entropy's stubs once lacked the `import numpy as np` they need)."""
    script = tmp_path / f"{name}.py"
    script.write_text(_filled_in(name), encoding="utf-8")
    run = subprocess.run([sys.executable, str(script)], cwd=tmp_path, capture_output=True,
                         text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    assert run.stdout.strip(), "the demo printed nothing"
