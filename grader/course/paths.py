"""Where the course files are: inside the wheel once installed, at the top level in a checkout."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent
SUITES_DIR = PACKAGE_DIR / "course" / "builtin" / "suites"
SHIPPED_DIR = PACKAGE_DIR / "_course"  # the wheel's copy of exercises/, solutions/, templates/


def course_dir() -> Path:
    return SHIPPED_DIR if SHIPPED_DIR.is_dir() else PACKAGE_DIR.parent


def stub_path(name: str) -> Path:
    return course_dir() / "exercises" / f"{name}.py"


def solution_path(name: str) -> Path:
    return course_dir() / "solutions" / f"{name}.py"


def suite_path(name: str) -> Path:
    return SUITES_DIR / f"test_{name}.py"


def templates_dir() -> Path:
    return course_dir() / "templates"


def hidden_dirs() -> list[Path]:
    """Folders a learner process must not see: the suites and the reference solutions."""
    return [SUITES_DIR, course_dir() / "solutions"]
