"""The `grader` command. Parsing and exit codes only: the work is in the library."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from grader import (
    __version__,
    catalog,
    course,
    grading,
    progress,
    render_html,
    render_progress,
    render_text,
    study,
    watch,
    workspace,
)

EXIT_FULL_MARKS, EXIT_NOT_FULL, EXIT_USAGE, EXIT_GRADER_FAILED = 0, 1, 2, 3
EXIT_INTERRUPTED = 130


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="nn-grader")
def main() -> None:
    """Grade exercises of the neural-networks-from-scratch course, with feedback that teaches."""


@main.command()
@click.argument("file", required=False,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--all", "check_all", is_flag=True,
              help="Grade every exercise of the workspace and print the course table.")
@click.option("--exercise", "-e", metavar="NAME",
              help="The exercise the file is for (default: taken from the file name).")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="json prints exactly one result document on stdout.")
@click.option("--html", "html_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the HTML report (default: .grader/reports/ beside FILE).")
@click.option("--seed", type=int,
              help="Seed for the suite's random inputs (default: a new one each run).")
def check(file: Path | None, check_all: bool, exercise: str | None, output_format: str,
          html_path: Path | None, seed: int | None) -> None:
    """Grade FILE and explain what is right and what is not.

    Without FILE, inside a workspace: grade the next exercise not at full marks. Every check of
    a workspace's exercise file is recorded in its progress.

    Exit code: 0 full marks, 1 graded but not full marks, 2 usage error, 3 grader failure.
    """
    if check_all:
        if file is not None or exercise is not None or html_path is not None:
            raise click.UsageError("--all grades every exercise of the workspace: give no FILE, "
                                   "--exercise or --html with it.")
        sys.exit(_check_all(output_format, seed))
    if file is None:
        if exercise is not None:
            raise click.UsageError("--exercise needs a FILE to grade.")
        file = _next_file()
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
    after = study.after_check(file, result, html_path, Path.cwd())
    _notify(after.notices)
    if html_path is not None:
        try:
            render_html.write_atomically(
                html_path, render_html.render(result, next_exercise=after.next_exercise))
        except OSError as error:
            click.echo(f"grader: cannot write the report to {html_path}: {error.strerror}",
                       err=True)
            sys.exit(EXIT_USAGE)
    if output_format == "json":
        click.echo(result.to_json(indent=2))
    else:
        color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        click.echo(render_text.render(result, color=color, report_path=str(html_path),
                                      next_step=after.next_step), color=color)
    sys.exit(EXIT_FULL_MARKS if result.full_marks else EXIT_NOT_FULL)


def _notify(notices: list[str]) -> None:
    for notice in notices:
        click.echo(f"grader: {notice}", err=True)


def _in_workspace(what: str) -> workspace.Workspace:
    found = workspace.find()
    if found is None:
        raise click.UsageError(
            f"{what} works inside a workspace, and {Path.cwd()} is not in one. Make one with "
            "`grader init` and cd into it (a clone of the course repository works too).")
    return found


def _exercise_named(name: str) -> catalog.Exercise:
    try:
        return catalog.get(name)
    except catalog.UnknownExercise:
        raise click.UsageError(f"there is no exercise {name!r}. Choose one of: "
                               f"{', '.join(catalog.names())}.") from None


def _next_file() -> Path:
    found = _in_workspace("`grader check` without a FILE")
    state, notices = study.load(found)
    _notify(notices)
    upcoming = state.next_exercise()
    if upcoming is None:
        click.echo("You have full marks on every exercise. `grader check --all` grades them "
                   "all again.")
        sys.exit(EXIT_FULL_MARKS)
    path = found.exercise_path(upcoming.name)
    if not path.is_file():
        raise click.UsageError(f"the next exercise's file, {path}, is missing. Copy a fresh "
                               f"stub from {course.stub_path(upcoming.name)}, or give a FILE.")
    return path


def _check_all(output_format: str, seed: int | None) -> int:
    found = _in_workspace("`grader check --all`")
    try:
        graded, notices = study.check_all(found, seed=seed, cwd=Path.cwd())
    except KeyboardInterrupt:
        click.echo("grader: interrupted", err=True)
        return EXIT_INTERRUPTED
    _notify(notices)
    for item in graded:
        if item.failure:
            click.echo(f"grader: internal failure on {item.exercise.name}: {item.failure}",
                       err=True)
    results = [item.result for item in graded if item.result is not None]
    if output_format == "json":
        click.echo(json.dumps([result.to_dict() for result in results], indent=2,
                              ensure_ascii=False))
    else:
        state, notices = study.load(found)
        _notify(notices)
        click.echo(render_progress.course_table(state, found, Path.cwd()))
        for result in results:
            best = state.of(result.exercise).best_score
            if result.score < best:
                click.echo(f"Note: {result.exercise} now scores {result.score:g}/"
                           f"{result.max_score:g}, below your best of {best:g}.")
        click.echo(f"Reports: {found.state_dir / 'reports'}")
    if any(item.failure for item in graded):
        return EXIT_GRADER_FAILED
    done = len(results) == len(graded) and all(result.full_marks for result in results)
    return EXIT_FULL_MARKS if done else EXIT_NOT_FULL


@main.command()
@click.argument("folder", required=False, default=workspace.DEFAULT_DIR,
                type=click.Path(path_type=Path))
@click.option("--force", is_flag=True,
              help="Overwrite files that exist (your code in them is lost; progress is kept).")
def init(folder: Path, force: bool) -> None:
    """Make a workspace in FOLDER (default: ./nn-course): every exercise stub, in course order,
    and a README. Existing files are never overwritten without --force (exit code 2)."""
    try:
        created = workspace.create(folder, force=force)
    except workspace.WorkspaceError as error:
        click.echo(f"grader init: {error}", err=True)
        sys.exit(EXIT_USAGE)
    except OSError as error:
        click.echo(f"grader init: cannot write to {error.filename}: {error.strerror}", err=True)
        sys.exit(EXIT_USAGE)
    for name in created.missing_stubs:
        click.echo(f"grader init: this installation has no stub for {name!r} yet; skipped.",
                   err=True)
    exercises = len(catalog.CATALOG) - len(created.missing_stubs)
    shown = render_progress.shown_path(created.workspace.root, Path.cwd())
    click.echo(f"Created {shown}/ with {exercises} exercises and a README.\n"
               f"Start with:\n  cd {shown}\n  grader next")


@main.command("list")
def list_command() -> None:
    """The course in order: points, your best score, each exercise's state, the next one."""
    found = workspace.find()
    state, notices = study.load(found)
    _notify(notices)
    if found is None:
        click.echo("grader: not in a workspace, so no progress is shown (`grader init` makes "
                   "one).", err=True)
    click.echo(render_progress.course_table(state, found, Path.cwd()))


main.add_command(list_command, name="status")


@main.command()
@click.argument("exercise_name", metavar="[EXERCISE]", required=False)
@click.option("--all", "show_all", is_flag=True, help="Show every hint of the exercise.")
def hint(exercise_name: str | None, show_all: bool) -> None:
    """Show the next hint of EXERCISE (default: the next exercise), one more each time."""
    found = workspace.find()
    if exercise_name is None:
        upcoming = study.load(found)[0].next_exercise() if found is not None else None
        if upcoming is None:
            raise click.UsageError(f"name an exercise: {', '.join(catalog.names())}.")
        exercise_name = upcoming.name
    exercise = _exercise_named(exercise_name)
    count = len(exercise.hints)
    if found is None:
        numbers = list(range(1, count + 1)) if show_all else [1]
    elif show_all:
        _, notices = study.update(found, lambda state: setattr(
            state.entry(exercise.name), "hints_shown", count))
        _notify(notices)
        numbers = list(range(1, count + 1))
    else:
        number, notices = study.update(found, lambda state: state.reveal_hint(exercise))
        _notify(notices)
        numbers = [number]
    click.echo(render_progress.hint_text(exercise, numbers,
                                         remembered=found is not None or show_all))


@main.command("next")
def next_command() -> None:
    """The first exercise not at full marks: its task, its file and the command to check it."""
    found = _in_workspace("`grader next`")
    state, notices = study.load(found)
    _notify(notices)
    click.echo(render_progress.next_text(state, found, Path.cwd()))


@main.command("watch")
@click.argument("path", required=False, type=click.Path(exists=True, path_type=Path))
@click.option("--exercise", "-e", metavar="NAME",
              help="The exercise a FILE is for (default: taken from the file name).")
def watch_command(path: Path | None, exercise: str | None) -> None:
    """Check PATH every time it is saved: a file, or every exercise file in a folder (default:
    the workspace). Changes are found by polling every 0.3 s. In a terminal, type h and Enter
    for a hint, Enter to check again, q to stop. q or Ctrl-C stop with exit code 0."""
    cwd = Path.cwd()
    if path is None:
        path = _in_workspace("`grader watch` without a PATH").exercises_dir
    path = path.resolve()
    if path.is_dir():
        if exercise is not None:
            raise click.UsageError("--exercise goes with a FILE, not a folder.")
        targets = watch.targets_in(path)
        if not any(target.path.is_file() for target in targets):
            raise click.UsageError(f"{path} holds no exercise files (such as "
                                   f"{catalog.names()[0]}.py).")
        upcoming = study.load(workspace.find(path))[0].next_exercise()
        first = next((target for target in targets if upcoming is not None
                      and target.exercise == upcoming and target.path.is_file()), None)
    else:
        try:
            chosen = grading.exercise_for(path, exercise)
        except catalog.UnknownExercise:
            source = "--exercise" if exercise is not None else f"the file name {path.name!r}"
            raise click.UsageError(f"{source} names no exercise. Choose one with --exercise: "
                                   f"{', '.join(catalog.names())}.") from None
        targets = [watch.Target(chosen, path)]
        first = targets[0]

    def on_result(target: watch.Target, result) -> str | None:
        after = study.record_and_report(target.path, result, cwd)
        _notify(after.notices)
        return after.next_step

    def on_hint(target: watch.Target) -> str:
        found = workspace.find(target.path.parent)
        if found is None or not found.holds(target.path):
            return render_progress.hint_text(target.exercise, [1], remembered=False)
        number, notices = study.update(found, lambda state: state.reveal_hint(target.exercise))
        _notify(notices)
        return render_progress.hint_text(target.exercise, [number], remembered=True)

    color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    shown = render_progress.shown_path(path, cwd)
    if path.is_dir():
        shown = "every exercise file in " + ("this folder" if shown == "." else shown)
    footer = (f"Watching {shown}: every save is checked.\n"
              "Type h + Enter for a hint, Enter to check again, q or Ctrl-C to stop.")
    try:
        watch.run(targets, watch.stdin_keys(), first=first, on_result=on_result,
                  on_hint=on_hint, out=sys.stdout, color=color, footer=footer)
    except KeyboardInterrupt:
        pass
    click.echo("\nStopped watching.")
    sys.exit(EXIT_FULL_MARKS)


@main.command()
@click.argument("exercise_name", metavar="EXERCISE")
@click.option("--force", is_flag=True,
              help="Show it before you have full marks (noted in your progress).")
def solution(exercise_name: str, force: bool) -> None:
    """Show the reference solution of EXERCISE, once you have full marks on it.

    Before that it refuses with exit code 1 and gives you the next hint instead; --force shows
    the solution anyway and notes that in your progress."""
    exercise = _exercise_named(exercise_name)
    found = workspace.find()
    state, notices = study.load(found)
    _notify(notices)
    entry = state.of(exercise.name)
    if not entry.done and not force:
        hint_numbers = [1]
        if found is not None:
            number, notices = study.update(found, lambda state: state.reveal_hint(exercise))
            _notify(notices)
            hint_numbers = [number]
        click.echo(render_progress.solution_refusal(exercise, entry, found is not None))
        click.echo(render_progress.hint_text(exercise, hint_numbers,
                                             remembered=found is not None))
        sys.exit(EXIT_NOT_FULL)
    try:
        source = course.solution_path(exercise.name).read_text(encoding="utf-8")
    except OSError as error:
        click.echo(f"grader: internal failure: the reference solution of {exercise.name} "
                   f"cannot be read ({error.strerror})", err=True)
        sys.exit(EXIT_GRADER_FAILED)
    if found is not None:
        def seen(state: progress.Progress) -> None:
            marked = state.entry(exercise.name)
            marked.solution_shown = True
            marked.solution_before_full_marks |= not marked.done
        _notify(study.update(found, seen)[1])
    click.echo(render_progress.solution_header(exercise, entry.done))
    click.echo(source.rstrip("\n"))


@main.command()
@click.argument("submissions", type=click.Path(exists=True, path_type=Path))
@click.option("--output", "-o", "out", required=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="The folder to write the reports, gradebook and results to.")
@click.option("--exercise", "-e", metavar="NAME",
              help="Grade one exercise, one file per learner: SUBMISSIONS/<learner>.py.")
@click.option("--jobs", "-j", type=click.IntRange(min=1),
              help="Submissions graded at once (default: the number of CPUs).")
@click.option("--format", "formats", type=click.Choice(["gradescope"]), multiple=True,
              help="Also write this platform's format (gradescope: OUT/gradescope/*/results.json).")
@click.option("--resume/--fresh", default=True, show_default=True,
              help="--fresh regrades everything; by default only new or changed files are graded.")
@click.option("--seed", type=int,
              help="Seed for the suites' random inputs (default: a new one per submission).")
def report(submissions: Path, out: Path, exercise: str | None, jobs: int | None,
           formats: tuple[str, ...], resume: bool, seed: int | None) -> None:
    """Grade a class: every learner's files in SUBMISSIONS (a folder or a .zip) into OUT.

    SUBMISSIONS/<learner>/<exercise>.py, or with --exercise SUBMISSIONS/<learner>.py. Writes
    OUT/index.html, OUT/learners/, OUT/gradebook.csv, OUT/results.csv and OUT/results.jsonl.

    Exit code: 0 the class is graded, 2 usage error (or OUT is in use by another run), 3 the
    grader failed on some submission (the rest is graded and written), 130 interrupted.
    """
    from grader.batch import layout, run, store, summary  # pandas: only for this command

    if exercise is not None:
        _exercise_named(exercise)
    try:
        outcome = run.grade_class(submissions, out, exercise=exercise, jobs=jobs,
                                  formats=formats, fresh=not resume, seed=seed)
    except (layout.InputError, store.Locked) as error:
        click.echo(f"grader: {error}", err=True)
        sys.exit(EXIT_USAGE)
    except run.Interrupted as error:
        click.echo(f"grader: {error}", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except run.PoolFailed as error:
        click.echo(f"grader: internal failure: {error}. What was graded is saved; run the "
                   "same command again to continue.", err=True)
        sys.exit(EXIT_GRADER_FAILED)
    except OSError as error:
        click.echo(f"grader: cannot write to {out}: {error.strerror or error}", err=True)
        sys.exit(EXIT_USAGE)
    click.echo(summary.render(outcome))
    if outcome.grader_failures:
        click.echo(f"grader: internal failure on {len(outcome.grader_failures)} submission(s), "
                   "listed above; run the same command again to retry them.", err=True)
        sys.exit(EXIT_GRADER_FAILED)
    sys.exit(EXIT_FULL_MARKS)
