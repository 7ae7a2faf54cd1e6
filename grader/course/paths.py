"""Where the files of the course in use are, and the grader's own templates.

The course in use is `catalog.active()`: the built-in course unless the command line chose
another. These helpers keep the callers short; a caller that holds a `Course` asks it directly.
"""

from __future__ import annotations

from pathlib import Path

from grader.course import catalog

PACKAGE_DIR = Path(__file__).resolve().parent.parent
SHIPPED_DIR = PACKAGE_DIR / "_course"  # the wheel's copy of templates/


def stub_path(name: str) -> Path:
    return catalog.active().stub_path(name)


def solution_path(name: str) -> Path:
    return catalog.active().solution_path(name)


def suite_path(name: str) -> Path:
    return catalog.active().suite_path(name)


def suites_dir() -> Path:
    return catalog.active().suites_dir


def templates_dir() -> Path:
    return SHIPPED_DIR / "templates" if SHIPPED_DIR.is_dir() else PACKAGE_DIR.parent / "templates"


def hidden_dirs() -> list[Path]:
    """The folders here that a learner process must not see: those of the course in use and
    of the built-in course (whichever is graded, the other's answers are none of the learner's
    business)."""
    folders = [*catalog.active().hidden_dirs(), *catalog.builtin().hidden_dirs()]
    return [folder for folder in dict.fromkeys(folders) if folder.is_dir()]
