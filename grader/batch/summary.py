"""The few lines `grader report` prints at the end: how the class did and where the files are.

Names and paths come from the class folder, so each is printed as one line with its control
characters escaped: a file name cannot clear the screen or print a line of its own."""

from __future__ import annotations

import os
from pathlib import Path

from grader import i18n
from grader.batch import class_report, gradebook, gradescope, lms, store
from grader.boundary.launch import UNSAFE_MARK
from grader.i18n import _, counted
from grader.render import wrap
from grader.render.text import isolation_text, printable_line, shown_path

SHOWN_SKIPPED = 5
SHOWN_WORKERS = 10


def _kind(kind: str, count: int) -> str:
    """"3 errors": a kind of problem (classview.problem_kind) counted."""
    if kind == "error":
        return counted(count, "{n} error", "{n} errors")
    if kind == "timeout":
        return counted(count, "{n} timeout", "{n} timeouts")
    return counted(count, "{n} grader failure", "{n} grader failures")


def render(outcome) -> str:
    view = outcome.view
    files = counted(len(view.learners), "{n} file", "{n} files")
    learners = counted(len(view.learners), "{n} learner", "{n} learners")
    submissions = counted(view.submissions, "{n} submission", "{n} submissions")
    done = {"learners": learners, "submissions": submissions, "now": outcome.graded_now,
            "kept": outcome.reused, "seconds": f"{outcome.seconds:.1f}"}
    if outcome.cluster and outcome.jobs:
        lines = [counted(outcome.workers, "Graded {learners}, {submissions} ({now} graded now, "
                         "{kept} kept from an earlier run) in {seconds} s on the Dask cluster at "
                         "{cluster} ({n} worker, {threads} at once).",
                         "Graded {learners}, {submissions} ({now} graded now, {kept} kept from "
                         "an earlier run) in {seconds} s on the Dask cluster at {cluster} ({n} "
                         "workers, {threads} at once).",
                         cluster=outcome.cluster, threads=outcome.jobs, **done), ""]
    elif outcome.jobs:
        lines = [counted(outcome.jobs, "Graded {learners}, {submissions} ({now} graded now, "
                         "{kept} kept from an earlier run) in {seconds} s with {n} worker.",
                         "Graded {learners}, {submissions} ({now} graded now, {kept} kept from "
                         "an earlier run) in {seconds} s with {n} workers.", **done), ""]
    else:
        lines = [_("Graded {learners}, {submissions} ({now} graded now, {kept} kept from an "
                   "earlier run) in {seconds} s.").format(**done), ""]
    header = [_("exercise"), _("submitted"), _("missing"), _("mean"), _("median"), _("max"),
              _("full marks"), _("errors"), _("timeouts")]
    rows = [[s.exercise.name, s.submitted, s.missing, _number(s.mean), _number(s.median),
             s.exercise.points, s.full_marks, s.errors, s.timeouts] for s in view.stats]
    widths = [max(wrap.columns(str(cell)) for cell in column)
              for column in zip(header, *rows, strict=True)]
    for row in [header, *rows]:
        cells = [wrap.ljust(str(row[0]), widths[0])]
        cells += [wrap.rjust(str(cell), width) for cell, width in zip(row[1:], widths[1:],
                                                                       strict=True)]
        lines.append("  ".join(cells).rstrip())
    kinds: dict[str, int] = {}
    for problem in view.problems:
        kinds[problem.kind] = kinds.get(problem.kind, 0) + 1
    if kinds:
        lines += ["", _("Needs attention (listed in index.html): {problems}.").format(
            problems=i18n.listing(_kind(kind, count) for kind, count in kinds.items()))]
    if view.skipped:
        lines += ["", counted(len(view.skipped), "Skipped {n} file (listed in index.html):",
                              "Skipped {n} files (all listed in index.html):")]
        lines += [printable_line(_("  {path}: {reason}").format(path=item.path,
                                                                reason=item.reason))
                  for item in view.skipped[:SHOWN_SKIPPED]]
        if len(view.skipped) > SHOWN_SKIPPED:
            lines.append(_("  ... and {n} more").format(n=len(view.skipped) - SHOWN_SKIPPED))
    if view.roster is not None:
        lines += ["", *_roster_lines(view)]
    lines.append("")
    lines += [_("Isolation: {level}").format(level=isolation_text(level))
              for level in view.isolation]
    lines += _clusters(view)
    if any(level.startswith(UNSAFE_MARK) for level in view.isolation):
        lines.append(_("Warning: some learner code ran UNSAFE (--unsafe-isolation): it could "
                       "read the reference solutions and other learners' files, so its grades "
                       "may be forged."))
    lines += ["", printable_line(_("Files in {path}:").format(
        path=f"{shown_path(outcome.out, Path.cwd())}{os.sep}"))]
    entries = [
        (class_report.INDEX, _("the class overview: scores, distributions, hardest tests")),
        (class_report.LEARNERS + "/", _("one report per learner ({files})").format(files=files)),
        (gradebook.GRADEBOOK, _("one row per learner: a column per exercise, total, "
                                "percentage")),
        (gradebook.RESULTS, _("one row per learner and test")),
        (store.RESULTS, _("every result, one JSON per line (the source of the files above)")),
    ]
    if "gradescope" in outcome.files:
        entries.append((gradescope.FOLDER + "/",
                        _("a Gradescope results.json per learner ({files})").format(
                            files=files)))
    entries += [(lms.FILES[name], _("grades to import into {platform} (one column per "
                                    "exercise)").format(platform=name.capitalize()))
                for name in lms.FILES if name in outcome.files]
    width = max(len(name) for name, _what in entries)
    lines += [f"  {name.ljust(width)}  {what}" for name, what in entries]
    return "\n".join(lines)


def _clusters(view) -> list[str]:
    """Each cluster that graded some of the class, and each of its workers with the isolation
    level its results report (named once above when the whole class has one level)."""
    lines: list[str] = []
    one_level = len(view.isolation) == 1
    for cluster in sorted({worker.cluster for worker in view.workers}):
        workers = [worker for worker in view.workers if worker.cluster == cluster]
        if one_level:
            heading = counted(len(workers), "Graded on the Dask cluster at {cluster} by {n} "
                              "worker, at the isolation level above:",
                              "Graded on the Dask cluster at {cluster} by {n} workers, each at "
                              "the isolation level above:", cluster=cluster)
        else:
            heading = counted(len(workers), "Graded on the Dask cluster at {cluster} by {n} "
                              "worker, at the isolation level shown:",
                              "Graded on the Dask cluster at {cluster} by {n} workers, each at "
                              "the isolation level shown:", cluster=cluster)
        lines.append(printable_line(heading))
        for worker in workers[:SHOWN_WORKERS]:
            graded = counted(worker.graded, "{n} submission", "{n} submissions")
            if one_level:
                lines.append(printable_line(_("  {worker} ({graded})").format(
                    worker=worker.address, graded=graded)))
            else:
                # the levels' own layers are listed with commas: levels are set apart more
                isolation = _("; ").join(isolation_text(level) for level in worker.isolation) \
                    or _("no learner code was run")
                lines.append(printable_line(_("  {worker} ({graded}): {levels}").format(
                    worker=worker.address, graded=graded, levels=isolation)))
        if len(workers) > SHOWN_WORKERS:
            lines.append(_("  ... and {n} more (all listed in index.html)").format(
                n=len(workers) - SHOWN_WORKERS))
    return lines


def _roster_lines(view) -> list[str]:
    """Who on the roster sent nothing, and whose files were left out for not being on it."""
    silent = [row.learner for row in view.learners if row.submitted_nothing]
    lines = [printable_line(counted(
        len(view.learners), "Roster {path}: {n} learner, {silent} of them submitted nothing.",
        "Roster {path}: {n} learners, {silent} of them submitted nothing.",
        path=view.roster, silent=len(silent)))]
    if silent:
        shown = ", ".join(silent[:SHOWN_SKIPPED]) + (", ..." if len(silent) > SHOWN_SKIPPED
                                                     else "")
        lines.append(printable_line(_("  nothing submitted: {learners}").format(
            learners=shown)))
    if view.outsiders:
        lines.append(counted(len(view.outsiders),
                             "Not on the roster, so not graded (listed in index.html): {n} "
                             "learner:",
                             "Not on the roster, so not graded (listed in index.html): {n} "
                             "learners:"))
        for outsider in view.outsiders[:SHOWN_SKIPPED]:
            paths = ", ".join(outsider.paths)
            if outsider.near:
                line = _("  {learner}: {paths} (the roster has {near})").format(
                    learner=outsider.learner, paths=paths, near=outsider.near)
            else:
                line = f"  {outsider.learner}: {paths}"
            lines.append(printable_line(line))
        if len(view.outsiders) > SHOWN_SKIPPED:
            lines.append(_("  ... and {n} more").format(n=len(view.outsiders) - SHOWN_SKIPPED))
    return lines


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"

