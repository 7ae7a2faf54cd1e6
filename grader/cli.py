"""The `grader` command. Parsing and exit codes only: the work is in the library."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from grader import __version__, catalog, grading, render_html, render_text

EXIT_FULL_MARKS, EXIT_NOT_FULL, EXIT_USAGE, EXIT_GRADER_FAILED = 0, 1, 2, 3
EXIT_INTERRUPTED = 130


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="nn-grader")
def main() -> None:
    """Grade exercises of the neural-networks-from-scratch course, with feedback that teaches."""


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--exercise", "-e", metavar="NAME",
              help="The exercise the file is for (default: taken from the file name).")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="json prints exactly one result document on stdout.")
@click.option("--html", "html_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the HTML report (default: .grader/reports/ beside FILE).")
@click.option("--seed", type=int,
              help="Seed for the suite's random inputs (default: a new one each run).")
def check(file: Path, exercise: str | None, output_format: str, html_path: Path | None,
          seed: int | None) -> None:
    """Grade FILE and explain what is right and what is not.

    Exit code: 0 full marks, 1 graded but not full marks, 2 usage error, 3 grader failure.
    """
    try:
        chosen = grading.exercise_for(file, exercise)
    except catalog.UnknownExercise as error:
        source = "--exercise" if exercise is not None else f"the file name {file.name!r}"
        raise click.UsageError(f"{source} names no exercise. Choose one with --exercise: "
                               f"{', '.join(catalog.names())}.") from error
    try:
        result = grading.grade(file, chosen.name, seed=seed)
    except grading.GraderFailure as error:
        click.echo(f"grader: internal failure: {error}", err=True)
        sys.exit(EXIT_GRADER_FAILED)
    except KeyboardInterrupt:
        click.echo("grader: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    if html_path is None and output_format == "text":
        html_path = render_html.default_report_path(file, chosen.name)
    if html_path is not None:
        try:
            render_html.write_atomically(html_path, render_html.render(result))
        except OSError as error:
            click.echo(f"grader: cannot write the report to {html_path}: {error.strerror}",
                       err=True)
            sys.exit(EXIT_USAGE)
    if output_format == "json":
        click.echo(result.to_json(indent=2))
    else:
        color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        click.echo(render_text.render(result, color=color, report_path=str(html_path)),
                   color=color)
    sys.exit(EXIT_FULL_MARKS if result.full_marks else EXIT_NOT_FULL)
