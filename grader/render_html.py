"""The HTML report: one self-contained page rendered from a result, every string escaped."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import jinja2

from grader import course
from grader.results import Result


def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(course.templates_dir())),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(result: Result, *, next_exercise: dict | None = None) -> str:
    template = environment().get_template("report.html.j2")
    return template.render(result=result, next_exercise=next_exercise)


def write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def default_report_path(submission: Path, exercise: str) -> Path:
    """Beside the submission, in .grader/reports; in the temp dir if that folder is read-only."""
    folder = submission.resolve().parent / ".grader" / "reports"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if os.access(folder, os.W_OK):
            return folder / f"{exercise}.html"
    except OSError:
        pass
    return Path(tempfile.gettempdir()) / "nn-grader-reports" / f"{exercise}.html"
