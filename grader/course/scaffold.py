"""`grader new NAME`: a new exercise in a course folder, ready to edit.

It writes the four things an exercise is: a stub, a solution, a suite and a catalog entry. The
suite is a small working example of the contract (a visible example with a hidden twin on
random inputs, the fixtures and the markers), so that the scaffold passes `grader dev check`
as written and the author changes a working exercise into theirs rather than starting from
nothing. Nothing that exists is overwritten.
"""

from __future__ import annotations

import importlib.util
import json
import os
import string
import sys
from dataclasses import dataclass
from pathlib import Path

from grader.course import catalog
from grader.files import write_atomically
from grader.i18n import _

EXAMPLE_POINTS, TWIN_POINTS = 2, 8


class ScaffoldError(Exception):
    """The exercise cannot be added as asked (a usage error: the message says why)."""


@dataclass(frozen=True)
class Scaffolded:
    course: catalog.Course  # the course with the new exercise
    exercise: catalog.Exercise
    written: tuple[Path, ...]  # the new files, and the catalog (new or changed)


def new_exercise(folder: Path, name: str) -> Scaffolded:
    """Add exercise `name` to the course in `folder`; an empty or missing folder becomes a
    course with this one exercise."""
    folder = folder.resolve()
    if not catalog.valid_name(name):
        raise ScaffoldError(_("{name!r} cannot name an exercise: use a Python identifier "
                              "(letters, digits and underscores, not starting with a digit, not "
                              "a keyword), such as my_softmax.").format(name=name))
    if name in sys.stdlib_module_names or importlib.util.find_spec(name) is not None:
        raise ScaffoldError(_("{name!r} is the name of a module Python can import; a learner's "
                              "{file} would hide it from their own code, so choose another "
                              "name, such as {other}.").format(name=name, file=f"{name}.py",
                                                               other=f"my_{name}"))
    catalog_path = folder / catalog.COURSE_FILE
    if folder.exists() and not folder.is_dir():
        raise ScaffoldError(_("{folder} is not a folder.").format(folder=folder))
    fresh = not os.path.lexists(catalog_path)
    if fresh and folder.is_dir() and any(folder.iterdir()):
        raise ScaffoldError(_("{folder} has no {file} and is not empty, so it is not a course "
                              "folder; give an empty folder (a new course) or the folder of an "
                              "existing course.").format(folder=folder, file=catalog.COURSE_FILE))
    if fresh:
        course = None
        stubs, solutions, suites = folder / "exercises", folder / "solutions", folder / "suites"
    else:
        try:
            course = catalog.load(folder, empty_ok=True)
        except catalog.CourseError as error:
            raise ScaffoldError(_("the course in {folder} has problems; fix them first:\n"
                                  "{problems}").format(folder=folder, problems=error)) from None
        if name in course.names():
            raise ScaffoldError(_("the course in {folder} already has an exercise named "
                                  "{name!r}; choose another name.").format(folder=folder,
                                                                          name=name))
        stubs, solutions, suites = course.stubs_dir, course.solutions_dir, course.suites_dir
    files = {stubs / f"{name}.py": _stub(name), solutions / f"{name}.py": _solution(name),
             suites / f"test_{name}.py": _suite(name)}
    existing = [path for path in files if os.path.lexists(path)]
    if existing:
        raise ScaffoldError(_("{path} already exists, so nothing was written; move it away or "
                              "choose another name.").format(path=existing[0]))
    text = _course_header(folder) if fresh else catalog_path.read_text(encoding="utf-8")
    entry = _entry(name)
    for path, content in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8") as file:
            file.write(content)
    write_atomically(catalog_path, text + ("" if text.endswith("\n") else "\n") + "\n" + entry,
                     below=folder)
    done = catalog.load(folder)
    return Scaffolded(course=done, exercise=done.get(name),
                      written=(*files, catalog_path))


def _toml(text: str) -> str:
    """A TOML basic string: JSON's escapes are all TOML escapes too."""
    return json.dumps(text, ensure_ascii=False)


def _course_header(folder: Path) -> str:
    title = folder.name.replace("_", " ").replace("-", " ").strip().capitalize() or "My course"
    return f"[course]\ntitle = {_toml(title)}\n"


def _title(name: str) -> str:
    return name.replace("_", " ").strip().capitalize()


def _entry(name: str) -> str:
    task = (f"Write {name}(values): return each value doubled, as a NumPy array. (The "
            "scaffold's example: replace it with your task.)")
    hints = [f"Start from the example: {name}([1.0, 2.0, 3.0]) is [2.0, 4.0, 6.0]. (The "
             "scaffold's hint: write your own.)",
             "np.asarray(values, dtype=float) turns a list into an array, and 2 * array "
             "doubles every value."]
    lines = ["[[exercise]]", f"name = {_toml(name)}", f"title = {_toml(_title(name))}",
             f"section = {_toml(_title(name))}", f"points = {EXAMPLE_POINTS + TWIN_POINTS}",
             f"task = {_toml(task)}", "hints = [", *(f"    {_toml(hint)}," for hint in hints),
             "]"]
    return "\n".join(lines) + "\n"


def _fill(template: str, name: str) -> str:
    return string.Template(template).substitute(
        name=name, title=_title(name), example_points=EXAMPLE_POINTS, twin_points=TWIN_POINTS)


def _stub(name: str) -> str:
    return _fill('''"""$title.

Write $name(values): return each value doubled, as a NumPy array. `values` is a list or a 1-D
NumPy array of numbers.

Check your work with:  grader check $name.py
"""

import numpy as np


def $name(values):
    raise NotImplementedError


if __name__ == "__main__":
    print($name([1.0, 2.0, 3.0]))
''', name)


def _solution(name: str) -> str:
    return _fill('''"""Reference solution: $title."""

import numpy as np


def $name(values):
    return 2 * np.asarray(values, dtype=float)


if __name__ == "__main__":
    print($name([1.0, 2.0, 3.0]))
''', name)


def _suite(name: str) -> str:
    return _fill('''"""Hidden suite: $title.

The visible example shows the learner its input and the value written here. Its twin is a
hidden test of the same computation on random inputs, against the reference solution: the
example's points count only when the twin passes too, so a file that returns the shown example
from a table earns nothing for it.
Suites run in the trusted grading process; the learner's module is `submission`, reached
through the sandbox, and the reference solution is `reference`.
"""

import pytest

from grader.core.compare import assert_close, case

EXAMPLE, EXPECTED = [1.0, 2.0, 3.0], [2.0, 4.0, 6.0]


def check(submission, values, expected, what):
    with case(what):
        assert_close(submission.$name(values), expected, what=what)


@pytest.mark.points($example_points)
@pytest.mark.hint(1)
@pytest.mark.twin("test_random_values")
def test_example(submission):
    """$name([1.0, 2.0, 3.0]), the example"""
    check(submission, EXAMPLE, EXPECTED, "$name([1.0, 2.0, 3.0])")


@pytest.mark.points($twin_points)
@pytest.mark.hidden
@pytest.mark.hint(2)
def test_random_values(submission, reference, rng):
    """random lists and arrays of several sizes"""
    for size in (1, 4, 10):
        values = rng.normal(0.0, 3.0, size)
        expected = reference.$name(values)
        check(submission, values.tolist(), expected, f"$name of a list of {size} values")
        check(submission, values, expected, f"$name of an array of {size} values")
''', name)
