"""The `--help` pages that the README and docs/ show, as the command line prints them.

A page is shown as a fenced block whose first line is the command, `$ grader ... --help`, and
whose other lines are its output. tests/test_docs.py checks that each is the real one; after a
change to a command's options or docstring, `python tests/docs_help.py` rewrites them all (add a
block holding just the command line, and this fills it in).
"""

from __future__ import annotations

import contextlib
import re
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import click
from click.testing import CliRunner

from grader import cli

ROOT = Path(__file__).resolve().parent.parent
# What click prints on a terminal 80 columns wide or wider: it wraps help at min(columns, 80) - 2.
WIDTH = 78
HELP_BLOCK = re.compile(r"^```\n\$ (?P<command>grader(?: [\w-]+)*) --help\n(?P<shown>.*?)^```$",
                        re.MULTILINE | re.DOTALL)


def documents() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def shown(document: Path) -> list[tuple[str, str]]:
    """Each help page in `document`: the command (`grader dev check`) and the text shown."""
    return [(found["command"], found["shown"])
            for found in HELP_BLOCK.finditer(document.read_text(encoding="utf-8"))]


def real_help(command: str) -> str:
    """`command --help` as a learner reads it in English: outside any workspace, with no course
    chosen by the environment, so that nothing of this machine shows in the page."""
    with tempfile.TemporaryDirectory() as folder, contextlib.chdir(folder):
        outcome = CliRunner().invoke(
            cli.main, [*command.split()[1:], "--help"], prog_name="grader",
            env={"NN_GRADER_LANG": "en", "NN_GRADER_COURSE": None, "NO_COLOR": "1"},
            terminal_width=WIDTH)
    if outcome.exit_code != 0:
        raise LookupError(f"`{command} --help` exits with {outcome.exit_code}:\n{outcome.output}")
    return outcome.stdout


def commands(group: click.Group = cli.main, prefix: str = "grader") -> Iterator[str]:
    """Every command and group of the command line, each once (`status` is `list` again)."""
    yield prefix
    seen: set[int] = set()
    for name, command in group.commands.items():
        if command.hidden or id(command) in seen:
            continue
        seen.add(id(command))
        if isinstance(command, click.Group):
            yield from commands(command, f"{prefix} {name}")
        else:
            yield f"{prefix} {name}"


def refresh(document: Path) -> bool:
    """Rewrite the help pages of `document` with the real ones; whether anything changed."""
    text = document.read_text(encoding="utf-8")
    fresh = HELP_BLOCK.sub(
        lambda found: f"```\n$ {found['command']} --help\n{real_help(found['command'])}```", text)
    if fresh != text:
        document.write_text(fresh, encoding="utf-8")
    return fresh != text


def main() -> None:
    for document in documents():
        if refresh(document):
            print(f"rewrote the help pages in {document.relative_to(ROOT)}")
    documented = {command for document in documents() for command, _ in shown(document)}
    for command in commands():
        if command not in documented:
            print(f"no page shows `{command} --help`: add a block for it", file=sys.stderr)


if __name__ == "__main__":
    main()
