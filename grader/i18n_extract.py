"""Babel extractors for learner-facing texts that are not `_()` calls: docstrings.

Babel's own `python` method finds the messages in `_()`, `N_()`, `ngettext()` and `counted()`
calls, but not docstrings; these two methods are that method plus the docstrings a learner reads
(pyproject.toml's `[tool.babel]` names them; nothing is imported):

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
