"""The `grader` command. Parsing and exit codes only: the work is in the library."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import click

from grader import __version__, files, i18n
from grader.cli_i18n import Group
from grader.core import grading
from grader.course import catalog
from grader.i18n import N_, _, counted
from grader.render import html as render_html
from grader.render import text as render_text
from grader.results import json_text
from grader.study import render as render_progress
from grader.study import session as study
from grader.study import watch, workspace

EXIT_FULL_MARKS, EXIT_NOT_FULL, EXIT_USAGE, EXIT_GRADER_FAILED = 0, 1, 2, 3
EXIT_INTERRUPTED = 130
# `grader gradescope build`'s words for Gradescope's visibility settings and for where the wheel
# came from.
HIDDEN_TESTS = {"after_due_date": N_("after due date"), "after_published": N_("after published"),
                "visible": N_("visible")}
BUILT_FROM = {
    "checkout": N_("The grader: {wheel}, built from the checkout; its dependencies pinned: "
                   "{pins}."),
    "installed copy": N_("The grader: {wheel}, built from the installed copy; its dependencies "
                         "pinned: {pins}."),
}

T = TypeVar("T")


COURSE_ENV = "NN_GRADER_COURSE"
# Commands that choose their course themselves: `new` may start one in an empty folder.
_OWN_COURSE = ("new",)


@dataclass(frozen=True)
class CourseChoice:
    """The course folder the command line asked for (None: the built-in course), and where
    the request came from, for messages."""

    folder: Path | None
    source: str


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--course", "course_dir", metavar="DIR", envvar=COURSE_ENV, show_envvar=True,
              type=click.Path(file_okay=False, path_type=Path),
              help=N_("The course folder to work with (default: the course the workspace was "
                      "made for by `grader init --course`, else the built-in course)."))
@click.version_option(__version__, prog_name="nn-grader")
@click.pass_context
def main(ctx: click.Context, course_dir: Path | None) -> None:
    """Grade exercises of the neural-networks-from-scratch course, with feedback that teaches."""
    if course_dir is not None:
        given = ctx.get_parameter_source("course_dir") is click.core.ParameterSource.COMMANDLINE
        choice = CourseChoice(course_dir, "--course" if given else COURSE_ENV)
    else:
        choice = CourseChoice(workspace.recorded_course(), "the workspace")
    ctx.obj = choice
    if ctx.invoked_subcommand not in _OWN_COURSE:
        ctx.with_resource(catalog.using(_load_course(choice)))


def _load_course(choice: CourseChoice) -> catalog.Course:
    """The chosen course, checked; a course that cannot be used is a usage error (exit 2)
    with every problem, never a traceback."""
    if choice.folder is None:
        folder, loader = catalog.BUILTIN_DIR, catalog.builtin
    else:
        folder, loader = choice.folder, lambda: catalog.load(choice.folder)
    try:
        return loader()
    except catalog.CourseError as error:
        heading = {
            "--course": N_("grader: the course in {folder} (given by --course) cannot be used:"),
            COURSE_ENV: N_("grader: the course in {folder} (given by {variable}) cannot be "
                           "used:"),
            "the workspace": N_("grader: the course in {folder} (recorded in this workspace by "
                                "`grader init`) cannot be used:"),
            "init": N_("grader: the course in {folder} (given to `grader init --course`) cannot "
                       "be used:")}[choice.source]
        click.echo(render_text.printable_line(_(heading).format(folder=folder,
                                                                variable=COURSE_ENV)), err=True)
        for problem in error.problems:
            click.echo(render_text.printable_line(f"  - {problem}"), err=True)
        sys.exit(EXIT_USAGE)


@main.command()
@click.argument("file", required=False,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--all", "check_all", is_flag=True,
              help=N_("Grade every exercise of the workspace and print the course table."))
@click.option("--exercise", "-e", metavar="NAME",
              help=N_("The exercise the file is for (default: taken from the file name)."))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help=N_("json prints exactly one result document on stdout."))
@click.option("--html", "html_path", type=click.Path(dir_okay=False, path_type=Path),
              help=N_("Where to write the HTML report (default: .grader/reports/ beside FILE)."))
@click.option("--seed", type=click.IntRange(min=0),
              help=N_("Seed for the suite's random inputs (default: derived from the file's "
                 "content and the suite, so the same code always gets the same grade)."))
def check(file: Path | None, check_all: bool, exercise: str | None, output_format: str,
          html_path: Path | None, seed: int | None) -> None:
    """Grade FILE and explain what is right and what is not.

    Without FILE, inside a workspace: grade the next exercise not at full marks. Every check of
    a workspace's exercise file is recorded in its progress.

    Exit code: 0 full marks, 1 graded but not full marks, 2 usage error, 3 grader failure.
    """
    if check_all:
        if file is not None or exercise is not None or html_path is not None:
            raise click.UsageError(_("--all grades every exercise of the workspace: give no "
                                     "FILE, --exercise or --html with it."))
        sys.exit(_check_all(output_format, seed))
    if file is None:
        if exercise is not None:
            raise click.UsageError(_("--exercise needs a FILE to grade."))
        file = _next_file()
    try:
        grading.check_file(file)
    except grading.NotGradable as error:
        raise click.UsageError(str(error)) from None
    except OSError as error:
        raise click.UsageError(_("cannot read {file}: {reason}.").format(
            file=file, reason=error.strerror)) from None
    try:
        chosen = grading.exercise_for(file, exercise)
    except catalog.UnknownExercise:
        raise _unknown_exercise(file, exercise) from None
    if html_path is not None:
        try:
            files.refuse_to_replace(html_path)
        except files.Refused as error:
            raise click.UsageError(_("--html: {reason}.").format(reason=error.strerror)) \
                from None
    try:
        result = grading.grade(file, chosen.name, seed=seed)
    except grading.GraderFailure as error:
        click.echo(_("grader: internal failure: {error}").format(error=error), err=True)
        click.echo(error.how_to_report(), err=True)
        sys.exit(EXIT_GRADER_FAILED)
    except KeyboardInterrupt:
        click.echo(_("grader: interrupted"), err=True)
        sys.exit(EXIT_INTERRUPTED)
    if html_path is None and output_format == "text":
        html_path = render_html.default_report_path(file, chosen.name)
    shown = render_text.hints_shown(result) if output_format == "text" else ()
    after = study.after_check(file, result, html_path, Path.cwd(), hints_seen=shown)
    _notify(after.notices)
    if html_path is not None:
        try:
            render_html.write_report(html_path, result, next_exercise=after.next_exercise)
        except OSError as error:
            click.echo(_("grader: cannot write the report to {path}: {reason}").format(
                path=html_path, reason=error.strerror), err=True)
            sys.exit(EXIT_USAGE)
    if output_format == "json":
        click.echo(result.to_json(indent=2))
    else:
        color = _color()
        click.echo(render_text.render(result, color=color, report_path=str(html_path),
                                      next_step=after.next_step), color=color)
    sys.exit(EXIT_FULL_MARKS if result.full_marks else EXIT_NOT_FULL)


def _next_file() -> Path:
    """The file `grader check` grades when given none: the next exercise's."""
    found = _in_workspace(_("`grader check` without a FILE"))
    upcoming = _notified(study.next_exercise(found))
    if upcoming is None:
        click.echo(_("You have full marks on every exercise. `grader check --all` grades them "
                     "all again."))
        sys.exit(EXIT_FULL_MARKS)
    try:
        return study.next_file(found, upcoming)
    except study.MissingFile as error:
        raise click.UsageError(str(error)) from None


def _check_all(output_format: str, seed: int | None) -> int:
    found = _in_workspace("`grader check --all`")
    try:
        checked = study.check_all(found, seed=seed, cwd=Path.cwd())
    except KeyboardInterrupt:
        click.echo(_("grader: interrupted"), err=True)
        return EXIT_INTERRUPTED
    _notify(checked.notices)
    for item in checked.failures:
        click.echo(_("grader: internal failure on {exercise}: {failure}").format(
            exercise=item.exercise.name, failure=item.failure), err=True)
    if checked.failures:
        click.echo(grading.GraderFailure("").how_to_report(), err=True)
    if output_format == "json":
        click.echo(json_text([result.to_dict() for result in checked.results], indent=2))
    else:
        state = _notified(study.load(found))
        click.echo(render_progress.check_all_text(checked.results, state, found,
                                                  checked.reports, Path.cwd()))
    if checked.failures:
        return EXIT_GRADER_FAILED
    return EXIT_FULL_MARKS if checked.full_marks else EXIT_NOT_FULL


def _color() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _notify(notices: list[str]) -> None:
    for notice in notices:
        click.echo(_("grader: {notice}").format(notice=notice), err=True)


def _notified(outcome: tuple[T, list[str]]) -> T:
    """The value of a library call's (value, notices), its notices printed."""
    value, notices = outcome
    _notify(notices)
    return value


def _in_workspace(what: str) -> workspace.Workspace:
    found = workspace.find()
    if found is None:
        raise click.UsageError(_(
            "{what} works inside a workspace, and {cwd} is not in one. Make one with "
            "`grader init` and cd into it (a clone of the course repository works too).").format(
                what=what, cwd=Path.cwd()))
    return found


def _exercise_named(name: str) -> catalog.Exercise:
    try:
        return catalog.get(name)
    except catalog.UnknownExercise:
        raise click.UsageError(render_progress.unknown_exercise(name)) from None


def _unknown_exercise(file: Path, exercise: str | None) -> click.UsageError:
    if exercise is not None:
        return click.UsageError(render_progress.unknown_exercise(exercise, option="--exercise"))
    return click.UsageError(render_progress.unknown_exercise(file.stem, file=file.name))


@main.command()
@click.argument("folder", required=False, default=workspace.DEFAULT_DIR,
                type=click.Path(path_type=Path))
@click.option("--force", is_flag=True,
              help=N_("Overwrite files that exist (your code in them is lost; progress is kept)."))
@click.option("--notebooks", is_flag=True,
              help=N_("One Jupyter notebook per exercise (.ipynb) instead of a Python file."))
@click.option("--course", "course_dir", metavar="DIR",
              type=click.Path(file_okay=False, path_type=Path),
              help=N_("Make the workspace for the course in DIR; the workspace records it, so "
                      "every command run in it uses that course."))
@click.pass_context
def init(ctx: click.Context, folder: Path, force: bool, notebooks: bool,
         course_dir: Path | None) -> None:
    """Make a workspace in FOLDER (default: ./nn-course): every exercise stub, in course order,
    and a README, in the language chosen (--lang), which the workspace then keeps. Existing
    files are never overwritten without --force (exit code 2)."""
    if course_dir is not None:
        ctx.with_resource(catalog.using(_load_course(CourseChoice(course_dir, "init"))))
    try:
        created = workspace.create(folder, force=force, notebooks=notebooks)
    except workspace.WorkspaceError as error:
        click.echo(_("grader init: {error}").format(error=error), err=True)
        sys.exit(EXIT_USAGE)
    except OSError as error:
        click.echo(_("grader init: cannot write to {path}: {reason}").format(
            path=error.filename, reason=error.strerror), err=True)
        sys.exit(EXIT_USAGE)
    exercises = len(catalog.exercises())
    shown = render_text.shown_path(created.root, Path.cwd())
    if notebooks:
        click.echo(counted(exercises, "Created {shown}/ with {n} exercise notebook and a README.",
                           "Created {shown}/ with {n} exercise notebooks and a README.",
                           shown=shown))
        click.echo(_("Start with:\n  cd {shown}\n  grader next\nand open the notebook it names "
                     "in Jupyter (`jupyter lab`); its last cell checks your work.").format(
                         shown=shown))
        return
    click.echo(counted(exercises, "Created {shown}/ with {n} exercise and a README.",
                       "Created {shown}/ with {n} exercises and a README.", shown=shown))
    click.echo(_("Start with:\n  cd {shown}\n  grader next").format(shown=shown))


@main.command("list")
def list_command() -> None:
    """The course in order: points, your best score, each exercise's state, the next one."""
    found = workspace.find()
    state = _notified(study.load(found))
    if found is None:
        click.echo(_("grader: not in a workspace, so no progress is shown (`grader init` "
                     "makes one)."), err=True)
    click.echo(render_progress.course_table(state, found, Path.cwd()))


main.add_command(list_command, name="status")


@main.command()
@click.argument("exercise_name", metavar="[EXERCISE]", required=False)
@click.option("--all", "show_all", is_flag=True, help=N_("Show every hint of the exercise."))
def hint(exercise_name: str | None, show_all: bool) -> None:
    """Show the next hint of EXERCISE (default: the next exercise), one more each time."""
    found = workspace.find()
    if exercise_name is None:
        exercise = _notified(study.next_exercise(found))
        if exercise is None:
            raise click.UsageError(_("name an exercise: {names}.").format(
                names=i18n.listing(catalog.names())))
    else:
        exercise = _exercise_named(exercise_name)
    click.echo(_notified(study.hint(found, exercise, every=show_all)))


@main.command("next")
def next_command() -> None:
    """The first exercise not at full marks: its task, its file and the command to check it."""
    found = _in_workspace("`grader next`")
    state = _notified(study.load(found))
    click.echo(render_progress.next_text(state, found, Path.cwd()))


@main.command("watch")
@click.argument("path", required=False,
                type=click.Path(exists=True, path_type=Path, resolve_path=True))
@click.option("--exercise", "-e", metavar="NAME",
              help=N_("The exercise a FILE is for (default: taken from the file name)."))
def watch_command(path: Path | None, exercise: str | None) -> None:
    """Check PATH every time it is saved: a file, or every exercise file in a folder (default:
    the workspace). Changes are found by polling every 0.3 s. In a terminal, type h and Enter
    for a hint, Enter to check again, q to stop. q or Ctrl-C stop with exit code 0."""
    if path is None:
        path = _in_workspace("`grader watch` without a PATH").exercises_dir
    try:
        plan = watch.plan(path, exercise)
    except catalog.UnknownExercise:
        raise _unknown_exercise(path, exercise) from None
    except watch.Refused as error:
        raise click.UsageError(str(error)) from None
    try:
        watch.run(plan, watch.stdin_keys(), cwd=Path.cwd(), notify=_notify, out=sys.stdout,
                  color=_color())
    except KeyboardInterrupt:
        pass
    click.echo("\n" + _("Stopped watching."))
    sys.exit(EXIT_FULL_MARKS)


@main.command()
@click.argument("exercise_name", metavar="EXERCISE")
@click.option("--force", is_flag=True,
              help=N_("Show it before you have full marks (noted in your progress)."))
def solution(exercise_name: str, force: bool) -> None:
    """Show the reference solution of EXERCISE, once you have full marks on it.

    Before that it refuses with exit code 1 and gives you the next hint instead; --force shows
    the solution anyway and notes that in your progress."""
    shown = study.solution(workspace.find(), _exercise_named(exercise_name), force=force)
    _notify(shown.notices)
    if shown.failure is not None:
        click.echo(_("grader: internal failure: {error}").format(error=shown.failure), err=True)
        sys.exit(EXIT_GRADER_FAILED)
    click.echo(shown.text)
    sys.exit(EXIT_NOT_FULL if shown.refused else EXIT_FULL_MARKS)


@main.command()
@click.argument("exercise_name", metavar="EXERCISE")
@click.option("--force", is_flag=True,
              help=N_("Do not ask before overwriting your work (your code in the file is lost)."))
def reset(exercise_name: str, force: bool) -> None:
    """Restore EXERCISE's stub in the workspace, to start it again. Your progress (best score,
    hints seen) is kept. If the file holds your work, it asks first; --force does not ask.

    Exit code: 0 restored (or untouched already), 1 not confirmed, 2 usage error, 3 the stub is
    missing from the installation."""
    exercise = _exercise_named(exercise_name)
    found = _in_workspace("`grader reset`")
    try:
        plan = study.reset_plan(found, exercise)
    except study.CannotReset as error:
        raise click.UsageError(str(error)) from None
    except OSError as error:
        click.echo(_("grader: internal failure: the stub of {exercise} cannot be read "
                     "({reason})").format(exercise=exercise.name, reason=error.strerror),
                   err=True)
        sys.exit(EXIT_GRADER_FAILED)
    shown = render_text.shown_path(plan.path, Path.cwd())
    if plan.untouched:
        click.echo(_("{path} is already the untouched stub of {title}: nothing to do.").format(
            path=shown, title=_(exercise.title)))
        sys.exit(EXIT_FULL_MARKS)
    if plan.has_work and not force and not _confirmed(
            _("Replace {path} with a fresh stub of {title}? The code in it will be lost.").format(
                path=shown, title=_(exercise.title))):
        click.echo(_("Nothing changed. `grader reset {exercise} --force` resets without "
                     "asking.").format(exercise=exercise.name))
        sys.exit(EXIT_NOT_FULL)
    try:
        study.restore(plan)
    except OSError as error:
        click.echo(_("grader reset: cannot write {path}: {reason}").format(
            path=shown, reason=error.strerror), err=True)
        sys.exit(EXIT_USAGE)
    click.echo(_("Restored {path}: a fresh stub of {title}. Your progress is kept.").format(
        path=shown, title=_(exercise.title)))
    sys.exit(EXIT_FULL_MARKS)


def _confirmed(question: str) -> bool:
    """The learner's yes; no answer (end of input, Ctrl-C at the question) is a no."""
    try:
        return click.confirm(question, default=False)
    except click.Abort:
        click.echo()
        return False


@main.command()
@click.argument("submissions", type=click.Path(exists=True, path_type=Path))
@click.option("--output", "-o", "out", required=True,
              type=click.Path(file_okay=False, path_type=Path),
              help=N_("The folder to write the reports, gradebook and results to."))
@click.option("--exercise", "-e", metavar="NAME",
              help=N_("Grade one exercise, one file per learner: SUBMISSIONS/<learner>.py."))
@click.option("--jobs", "-j", type=click.IntRange(min=1),
              help=N_("Submissions graded at once (default: the number of CPUs)."))
@click.option("--format", "formats", type=click.Choice(["gradescope", "canvas", "moodle"]),
              multiple=True,
              help=N_("Also write this platform's format (gradescope: "
                      "OUT/gradescope/*/results.json; canvas, moodle: OUT/canvas.csv, "
                      "OUT/moodle.csv, grades to import)."))
@click.option("--roster", "roster_path", type=click.Path(dir_okay=False, path_type=Path),
              help=N_("A CSV with a learner column (and optional name, email): every learner on it "
                      "is in the reports; files of learners not on it are listed, not graded."))
@click.option("--resume/--fresh", default=True, show_default=True,
              help=N_("--fresh regrades everything; by default only new or changed files are "
                      "graded."))
@click.option("--seed", type=click.IntRange(min=0),
              help=N_("Seed for the suites' random inputs (default: derived from each file's "
                 "content and the suite, so identical files get identical grades)."))
@click.option("--unsafe-isolation", is_flag=True,
              help=N_("Grade even where learner code cannot be sandboxed safely (it could read "
                      "the solutions or other learners' files); every result then says UNSAFE."))
@click.option("--cluster", metavar="ADDRESS",
              help=N_("Grade on the Dask cluster whose scheduler is at ADDRESS "
                      "(tcp://HOST:8786); needs `pip install 'nn-grader[dask]'`. Results and "
                      "reports stay here."))
def report(submissions: Path, out: Path, exercise: str | None, jobs: int | None,
           formats: tuple[str, ...], roster_path: Path | None, resume: bool,
           seed: int | None, unsafe_isolation: bool, cluster: str | None) -> None:
    """Grade a class: every learner's files in SUBMISSIONS (a folder or a .zip) into OUT.

    SUBMISSIONS/<learner>/<exercise>.py, or with --exercise SUBMISSIONS/<learner>.py. Writes
    OUT/index.html, OUT/learners/, OUT/gradebook.csv, OUT/results.csv and OUT/results.jsonl.

    Exit code: 0 the class is graded, 2 usage error (or OUT is in use by another run, or
    learner code could not be sandboxed safely here or on a cluster's worker, or the cluster
    cannot be used), 3 the grader failed on some submission (the rest is graded and written),
    130 interrupted.
    """
    if cluster is not None and jobs is not None:
        raise click.UsageError(_("--jobs sizes the pool on this machine; with --cluster the "
                                 "workers' threads decide how many submissions are graded at "
                                 "once (`dask worker --nthreads N`)."))
    try:
        # pandas: only for this command
        from grader.batch import cluster as dask_cluster
        from grader.batch import layout, roster, run, store, summary
    except KeyboardInterrupt:
        click.echo(_("grader: interrupted before anything was graded or written; run the same "
                     "command again to start."), err=True)
        sys.exit(EXIT_INTERRUPTED)
    if exercise is not None:
        try:
            catalog.get(exercise)
        except catalog.UnknownExercise:
            raise _unknown_exercise(submissions, exercise) from None
    try:
        class_list = roster.load(roster_path) if roster_path is not None else None
        outcome = run.grade_class(submissions, out, exercise=exercise, jobs=jobs,
                                  formats=formats, fresh=not resume, seed=seed,
                                  unsafe_isolation=unsafe_isolation, roster=class_list,
                                  cluster=cluster)
    except (layout.InputError, store.Locked, roster.RosterError, run.UnsafeIsolation,
            run.TooManyJobs, dask_cluster.MissingExtra, dask_cluster.ClusterError) as error:
        click.echo(_("grader: {error}").format(error=error), err=True)
        sys.exit(EXIT_USAGE)
    except run.Interrupted as error:
        click.echo(_("grader: {error}").format(error=error), err=True)
        sys.exit(EXIT_FULL_MARKS if error.complete else EXIT_INTERRUPTED)
    except run.PoolFailed as error:
        click.echo(_("grader: internal failure: {error}. What was graded is saved; run the "
                     "same command again to continue.").format(error=error), err=True)
        sys.exit(EXIT_GRADER_FAILED)
    except OSError as error:
        click.echo(_("grader: cannot write to {path}: {reason}").format(
            path=out, reason=error.strerror or error), err=True)
        sys.exit(EXIT_USAGE)
    try:
        click.echo(summary.render(outcome))
    except KeyboardInterrupt:
        click.echo("\n" + _("grader: {error}").format(error=run.completed(outcome)), err=True)
    if outcome.grader_failures:
        click.echo(counted(
            len(outcome.grader_failures),
            "grader: internal failure on {n} submission, listed above; run the same command "
            "again to retry it.",
            "grader: internal failure on {n} submissions, listed above; run the same command "
            "again to retry them."), err=True)
        sys.exit(EXIT_GRADER_FAILED)
    sys.exit(EXIT_FULL_MARKS)


@main.group("gradescope")
def gradescope_group() -> None:
    """Gradescope's autograder: build the bundle to upload, and run it as Gradescope does."""


@gradescope_group.command("build")
@click.option("--output", "-o", "out", required=True,
              type=click.Path(dir_okay=False, path_type=Path),
              help=N_("The zip to write (upload it as the assignment's autograder)."))
@click.option("--exercise", "-e", "exercises", metavar="NAME", multiple=True,
              help=N_("An exercise of the assignment; repeat for several (default: every one)."))
@click.option("--hidden-tests", "hidden",
              type=click.Choice(["after_due_date", "after_published", "visible"]),
              default="after_due_date", show_default=True,
              help=N_("When learners see hidden tests' verdicts (Gradescope's visibility)."))
def gradescope_build(out: Path, exercises: tuple[str, ...], hidden: str) -> None:
    """Write the autograder bundle for Gradescope: setup.sh, run_autograder, this grader as a
    wheel and the assignment's settings.

    Exit code: 0 written, 2 usage error (an unknown exercise, or the bundle cannot be built
    here: the message says why).
    """
    from grader.batch import bundle

    if not catalog.active().builtin:
        raise click.UsageError(_("the Gradescope bundle carries the built-in course only: run "
                                 "this without --course and {variable}.").format(
                                     variable=COURSE_ENV))
    for name in exercises:
        _exercise_named(name)
    try:
        built = bundle.build(out, tuple(dict.fromkeys(exercises)), hidden)
    except bundle.BuildError as error:
        click.echo(_("grader: cannot build the bundle: {error}.").format(error=error), err=True)
        sys.exit(EXIT_USAGE)
    except OSError as error:
        click.echo(_("grader: cannot write {path}: {reason}").format(
            path=out, reason=error.strerror or error), err=True)
        sys.exit(EXIT_USAGE)
    click.echo(render_text.printable_line(
        counted(len(built.exercises), "Wrote {path}: {n} exercise ({names}); hidden tests "
                "{hidden}.", "Wrote {path}: {n} exercises ({names}); hidden tests {hidden}.",
                path=out, names=i18n.listing(built.exercises), hidden=_(HIDDEN_TESTS[hidden]))))
    click.echo(_(BUILT_FROM[built.wheel_source]).format(wheel=built.wheel,
                                                       pins=i18n.listing(built.pins)))
    click.echo(_("Upload the zip on the assignment's Configure Autograder page."))
    sys.exit(EXIT_FULL_MARKS)


@gradescope_group.command("run")
@click.option("--root", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=Path("/autograder"), show_default=True,
              help=N_("The autograder's folder, laid out as Gradescope lays out /autograder."))
def gradescope_run(root: Path) -> None:
    """Grade ROOT/submission into ROOT/results/results.json, as the bundle's run_autograder
    does on Gradescope. What each grade came from is printed here, for the instructor.

    Exit code: 0 results.json is written (whatever the grades; a grader failure on an exercise
    is in it, and printed), 2 the bundle's settings cannot be used (results.json says so), 3
    results.json cannot be written.
    """
    from grader.batch import autograder

    try:
        outcome = autograder.run(root, sys.stdout)
    except autograder.ConfigError as error:
        click.echo(_("grader: the autograder is broken: {error}.").format(error=error), err=True)
        sys.exit(EXIT_USAGE)
    except OSError as error:
        click.echo(_("grader: cannot write {path}: {reason}").format(
            path=root / "results" / "results.json", reason=error.strerror or error), err=True)
        sys.exit(EXIT_GRADER_FAILED)
    for item in outcome.failures:
        click.echo(_("grader: internal failure on {exercise}: {failure}").format(
            exercise=item.exercise.name, failure=item.failure), err=True)
    sys.exit(EXIT_FULL_MARKS)


@main.command("new")
@click.argument("name")
@click.pass_obj
def new_command(choice: CourseChoice, name: str) -> None:
    """Add exercise NAME to the course folder given by --course or NN_GRADER_COURSE: a stub, a
    solution, a suite (a visible example and its hidden twin on random inputs) and its entry
    in course.toml. An empty folder becomes a new course. Nothing that exists is overwritten.

    The scaffold passes `grader dev check` as written; edit all four into your exercise.

    Exit code: 0 written, 2 usage error (nothing written).
    """
    from grader.course import scaffold

    if choice.source not in ("--course", COURSE_ENV):
        raise click.UsageError(_("name the course folder: `grader --course DIR new NAME`, or "
                                 "set {variable}=DIR (an empty folder starts a new "
                                 "course).").format(variable=COURSE_ENV))
    try:
        made = scaffold.new_exercise(choice.folder, name)
    except scaffold.ScaffoldError as error:
        raise click.UsageError(str(error)) from None
    except OSError as error:
        click.echo(_("grader new: cannot write {path}: {reason}").format(
            path=error.filename, reason=error.strerror or error), err=True)
        sys.exit(EXIT_USAGE)
    cwd = Path.cwd()
    stub, solution, suite, toml = (render_text.shown_path(path, cwd) for path in made.written)
    root = render_text.shown_path(made.course.root, cwd)
    click.echo("\n".join(render_text.printable_line(line) for line in _(
        "Added the exercise {name} to the course in {root}:\n"
        "  {stub}: the stub learners start from\n"
        "  {solution}: the reference solution\n"
        "  {suite}: the hidden suite, a visible example and its hidden twin on random inputs\n"
        "  {toml}: its catalog entry (title, points, task, hints)\n"
        "Make them your exercise, then run `grader --course {root} dev check {name}`.").format(
            name=name, root=root, stub=stub, solution=solution, suite=suite,
            toml=toml).splitlines()))
    sys.exit(EXIT_FULL_MARKS)


@main.group("dev")
def dev_group() -> None:
    """Tools for course authors: is each suite right, and how strong is it?"""


@dev_group.command("check")
@click.argument("names", metavar="[NAME]...", nargs=-1)
@click.option("--jobs", "-j", type=click.IntRange(min=1),
              help=N_("Files graded at once (default: the number of CPUs)."))
@click.option("--seed", type=click.IntRange(min=0),
              help=N_("Seed for the suites' random inputs (default: derived from each file's "
                 "content, as `grader check` does)."))
def dev_check(names: tuple[str, ...], jobs: int | None, seed: int | None) -> None:
    """Check that the course's exercises (or those named) agree with their suites: every stub
    grades 0 as not started, every solution gets full marks with no failed challenge, and
    every file of corpus/NAME/right/ and corpus/NAME/wrong/ grades as labelled. Prints a table
    and every problem.

    Exit code: 0 everything agrees, 1 something disagrees, 2 usage error, 3 grader failure.
    """
    from grader.batch.executor import default_jobs
    from grader.batch.run import JOBS_PER_CPU
    from grader.course import devcheck

    most = JOBS_PER_CPU * default_jobs()
    if jobs is not None and jobs > most:
        raise click.UsageError(_("--jobs {jobs} is more than this machine can use: at most "
                                 "{most} files are graded at once.").format(jobs=jobs, most=most))
    course = catalog.active()
    for name in names:
        _exercise_named(name)
    try:
        report = devcheck.check(course, names, jobs=jobs, seed=seed, progress=sys.stderr)
    except devcheck.PoolFailed as error:
        click.echo(_("grader: internal failure: {error}").format(error=error), err=True)
        sys.exit(EXIT_GRADER_FAILED)
    except KeyboardInterrupt:
        click.echo(_("grader: interrupted"), err=True)
        sys.exit(EXIT_INTERRUPTED)
    click.echo(devcheck.render(report))
    sys.exit(EXIT_FULL_MARKS if report.ok else EXIT_NOT_FULL)


@dev_group.command("mutate")
@click.argument("names", metavar="[NAME]...", nargs=-1)
@click.option("--jobs", "-j", type=click.IntRange(min=1),
              help=N_("Mutants graded at once (default: the number of CPUs)."))
@click.option("--seed", type=click.IntRange(min=0),
              help=N_("Seed for the suites' random inputs (default: derived from each mutant's "
                      "content, as `grader check` does)."))
@click.option("--min-score", type=click.FloatRange(min=0, max=100), default=95.0,
              show_default=True,
              help=N_("The percentage of mutants not marked equivalent each suite must kill."))
@click.option("--max-mutants", type=click.IntRange(min=1), default=60, show_default=True,
              help=N_("Mutants graded per exercise at most; more are sampled by their ids, the "
                      "same ones on every run."))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help=N_("A table with each survivor's diff, or JSON."))
def dev_mutate(names: tuple[str, ...], jobs: int | None, seed: int | None, min_score: float,
               max_mutants: int, fmt: str) -> None:
    """Measure each suite of the course (or of the exercises named) by mutation: make small
    slips in the reference solution (an operator swapped, a constant changed, a term dropped,
    a return value altered, np.sum for np.mean, an axis changed, a keyword argument left out),
    grade each one, and count those the suite kills (scores below full marks). Each survivor is
    shown as a diff, with the id that marks it in course.toml as equivalent if it computes the
    same as the solution. Outcomes are cached, so a rerun grades only what changed.

    Exit code: 0 every suite kills at least --min-score of its mutants, 1 some suite does not
    (or has a problem), 2 usage error, 3 grader failure.
    """
    from grader.batch.executor import default_jobs
    from grader.batch.run import JOBS_PER_CPU
    from grader.course import mutate

    most = JOBS_PER_CPU * default_jobs()
    if jobs is not None and jobs > most:
        raise click.UsageError(_("--jobs {jobs} is more than this machine can use: at most "
                                 "{most} files are graded at once.").format(jobs=jobs, most=most))
    course = catalog.active()
    for name in names:
        _exercise_named(name)
    try:
        report = mutate.run(course, names, jobs=jobs, seed=seed, min_score=min_score,
                            progress=sys.stderr, cap=max_mutants)
    except mutate.PoolFailed as error:
        click.echo(_("grader: internal failure: {error}").format(error=error), err=True)
        sys.exit(EXIT_GRADER_FAILED)
    except KeyboardInterrupt:
        click.echo(_("grader: interrupted"), err=True)
        sys.exit(EXIT_INTERRUPTED)
    if fmt == "json":
        click.echo(json_text(mutate.to_json(report)))
    else:
        click.echo(mutate.render(report, Path.cwd()))
    sys.exit(EXIT_FULL_MARKS if report.ok else EXIT_NOT_FULL)
