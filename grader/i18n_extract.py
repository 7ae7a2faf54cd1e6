"""Babel extractors for the course's texts, which are data rather than `_()` calls.

Babel finds the grader's own messages in `_()`, `N_()`, `ngettext()` and `counted()` calls; two
kinds of learner-facing text are not written that way, and these extractors find them without
importing anything (pyproject.toml's `[tool.babel]` names them):

- `catalog`: the catalog's texts, the keyword arguments `title`, `section`, `task` and each of
  `hints` of every `Exercise(...)` in `grader/course/catalog.py`;
- `cli`: the command line's marked messages, and each command's help, its docstring as click
  shows it (`inspect.cleandoc`), which `cli_i18n.Command` translates when it is shown;
- `suite`: a suite's marked messages, as Babel's `python` method finds them, and its test
  names, the first line of each `test_*` function's docstring, which the plugin translates
  before it fills in the parameters (`softmax({scores})`).

Each yields Babel's (line, function, message, comments) tuples.
"""

from __future__ import annotations

import ast
import inspect
from collections.abc import Iterator
from typing import Any, BinaryIO

CATALOG_FIELDS = ("title", "section", "task", "hints")

Extracted = tuple[int, str | None, str, list[str]]


def extract_catalog(fileobj: BinaryIO, keywords: Any, comment_tags: Any,
                    options: dict) -> Iterator[Extracted]:
    for node in ast.walk(ast.parse(fileobj.read())):
        if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Exercise"):
            continue
        name = next((keyword.value.value for keyword in node.keywords
                     if keyword.arg == "name" and isinstance(keyword.value, ast.Constant)), "?")
        for keyword in node.keywords:
            if keyword.arg not in CATALOG_FIELDS:
                continue
            values = keyword.value.elts if isinstance(keyword.value, ast.Tuple) \
                else [keyword.value]
            for value in values:
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    yield value.lineno, None, value.value, [f"{name}: {keyword.arg}"]


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
