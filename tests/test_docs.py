"""The documentation shows the command line as it is: every `--help` page in the README and
docs/ is the one the command prints, and every command has its page, so the docs cannot drift."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import docs_help
import pytest

PAGES = [(document, command, text) for document in docs_help.documents()
         for command, text in docs_help.shown(document)]
DOCUMENTED = {command for _, command, _ in PAGES}
FIX = "run `python tests/docs_help.py` to rewrite the pages, then review `git diff`"


@pytest.mark.parametrize(("document", "command", "text"), PAGES,
                         ids=[f"{document.name}: {command}" for document, command, _ in PAGES])
def test_each_help_page_shown_is_the_real_one(document, command, text):
    assert text == docs_help.real_help(command), \
        f"{document.name} shows an old `{command} --help`: {FIX}"


def test_every_command_has_its_help_page_in_the_docs():
    missing = [command for command in docs_help.commands() if command not in DOCUMENTED]
    assert not missing, f"no page shows the help of {missing}: add a block for each, then {FIX}"


def test_the_pages_the_issue_asks_for_are_shown():
    assert {"grader", "grader check", "grader report", "grader new", "grader dev check",
            "grader dev mutate"} <= DOCUMENTED


def test_a_stale_page_is_found_and_rewritten(tmp_path):
    page = tmp_path / "page.md"
    stale = "Before.\n\n```\n$ grader next --help\nUsage: grader next [OLD]\n```\n\nAfter.\n"
    page.write_text(stale, encoding="utf-8")
    assert docs_help.refresh(page)
    assert page.read_text(encoding="utf-8") == (
        "Before.\n\n```\n$ grader next --help\n" + docs_help.real_help("grader next")
        + "```\n\nAfter.\n")
    assert docs_help.shown(page) == [("grader next", docs_help.real_help("grader next"))]
    assert not docs_help.refresh(page)


def test_the_page_shown_is_what_the_installed_command_prints_on_a_wide_terminal(tmp_path):
    """The docs' width and language are a learner's terminal's, not a rendering of our own."""
    # The console script of the Python running the tests: another `grader` may come first on PATH.
    grader = shutil.which("grader", path=str(Path(sys.executable).parent))
    assert grader, "the `grader` console script is not installed: pip install -e '.[test]'"
    environment = {**os.environ, "COLUMNS": "200", "NN_GRADER_LANG": "en", "NO_COLOR": "1"}
    environment.pop("NN_GRADER_COURSE", None)
    printed = subprocess.run([grader, "check", "--help"], cwd=tmp_path, env=environment,
                             capture_output=True, text=True, check=True).stdout
    assert printed == docs_help.real_help("grader check")
    assert max(len(line) for line in printed.splitlines()) <= docs_help.WIDTH


def _anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _anchors(document: Path) -> set[str]:
    text = re.sub(r"^```.*?^```$", "", document.read_text(encoding="utf-8"),
                  flags=re.MULTILINE | re.DOTALL)
    return {_anchor(heading) for heading in re.findall(r"^#+ (.+)$", text, re.MULTILINE)}


@pytest.mark.parametrize("document", docs_help.documents(), ids=lambda document: document.name)
def test_every_link_between_the_pages_leads_somewhere(document):
    """Text moved between the README and docs/ keeps its cross-references working."""
    text = document.read_text(encoding="utf-8")
    for target, anchor in re.findall(r"\]\((?!https?:)([^)#]*)(?:#([^)]*))?\)", text):
        page = (document.parent / target).resolve() if target else document
        assert page.is_file(), f"{document.name} links to {target}, which does not exist"
        if anchor:
            assert anchor in _anchors(page), f"{document.name} links to {target}#{anchor}"
