"""Babel extractors for learner-facing texts that are not `_()` calls: docstrings.

Babel's own `python` method finds the messages in `_()`, `N_()`, `ngettext()` and `counted()`
calls, but not docstrings; these two methods are that method plus the docstrings a learner reads
(pyproject.toml's `[tool.babel]` names them; nothing is imported):

- `cli`: the command line's marked messages, and each command's help, its docstring as click
  shows it (`inspect.cleandoc`), which `cli_i18n.Command` translates when it is shown;
- `suite`: a suite's marked messages, as Babel's `python` method finds them, and its test
  names, the first line of each `test_*` function's docstring, which the plugin translates
  before it fills in the parameters (`softmax({scores})`);
- `course`: a course's course.toml, its texts a learner reads: the course's title and
  description, and each exercise's title, section, task and hints (an equivalent mutant's
  reason is for the course's authors, and stays English).

Each yields Babel's (line, function, message, comments) tuples.
"""

from __future__ import annotations

import ast
import inspect
import json
import tomllib
from collections.abc import Iterator
from typing import Any, BinaryIO

Extracted = tuple[int, str | None, str, list[str]]


def extract_cli(fileobj: BinaryIO, keywords: Any, comment_tags: Any,
                options: dict) -> Iterator[Extracted]:
    from babel.messages.extract import extract_python

    source = fileobj.read()
    fileobj.seek(0)
    yield from extract_python(fileobj, keywords, comment_tags, options)
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef) and any(
                isinstance(decorator, ast.Call)
                and getattr(decorator.func, "attr", None) in ("command", "group")
                for decorator in node.decorator_list):
            doc = ast.get_docstring(node, clean=False)
            if doc:
                yield node.body[0].lineno, None, inspect.cleandoc(doc), [
                    f"help of the command {node.name}"]


def extract_suite(fileobj: BinaryIO, keywords: Any, comment_tags: Any,
                  options: dict) -> Iterator[Extracted]:
    from babel.messages.extract import extract_python

    source = fileobj.read()
    fileobj.seek(0)
    yield from extract_python(fileobj, keywords, comment_tags, options)
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
            doc = (ast.get_docstring(node) or "").strip().splitlines()
            if doc and doc[0].strip():
                yield node.body[0].lineno, None, doc[0].strip(), [f"test name: {node.name}"]


COURSE_TEXTS = ("title", "section", "task")


def extract_course(fileobj: BinaryIO, keywords: Any, comment_tags: Any,
                   options: dict) -> Iterator[Extracted]:
    source = fileobj.read().decode("utf-8")
    data = tomllib.loads(source)
    course = data.get("course", {})
    for field in ("title", "description"):
        if course.get(field):
            yield _line(source, course[field]), None, course[field], [f"course {field}"]
    for exercise in data.get("exercise", []):
        name = exercise.get("name", "?")
        for field in COURSE_TEXTS:
            if exercise.get(field):
                yield _line(source, exercise[field]), None, exercise[field], [f"{name}: {field}"]
        for number, hint in enumerate(exercise.get("hints", []), start=1):
            yield _line(source, hint), None, hint, [f"{name}: hint {number}"]


def _line(source: str, text: str) -> int:
    """The line of `text` in the file, as TOML's basic string writes it (tomllib keeps none)."""
    where = source.find(json.dumps(text, ensure_ascii=False))
    return source.count("\n", 0, where) + 1 if where >= 0 else 1
