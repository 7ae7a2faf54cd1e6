"""The few lines `grader report` prints at the end: how the class did and where the files are.

Names and paths come from the class folder, so each is printed as one line with its control
characters escaped: a file name cannot clear the screen or print a line of its own."""

from __future__ import annotations

import os
from pathlib import Path

from grader.batch import class_report, gradebook, gradescope, lms, store
from grader.boundary.launch import UNSAFE_MARK
from grader.render.text import printable_line, shown_path
from grader.wording import counted

SHOWN_SKIPPED = 5
SHOWN_WORKERS = 10
_KINDS = {"error": ("{n} error", "{n} errors"), "timeout": ("{n} timeout", "{n} timeouts"),
          "grader failure": ("{n} grader failure", "{n} grader failures")}


def render(outcome) -> str:
    view = outcome.view
    workers = (counted(outcome.jobs, " with {n} worker", " with {n} workers")
               if outcome.jobs else "")
    if outcome.cluster and outcome.jobs:
        workers = counted(outcome.workers, " on the Dask cluster at {cluster} ({n} worker, "
                                           "{threads} at once)",
                          " on the Dask cluster at {cluster} ({n} workers, {threads} at once)",
                          cluster=outcome.cluster, threads=outcome.jobs)
    learners = counted(len(view.learners), "{n} learner", "{n} learners")
    submissions = counted(view.submissions, "{n} submission", "{n} submissions")
    files = counted(len(view.learners), "{n} file", "{n} files")
    lines = [f"Graded {learners}, {submissions} "
             f"({outcome.graded_now} graded now, {outcome.reused} kept from an earlier run) "
             f"in {outcome.seconds:.1f} s{workers}.", ""]
    header = ["exercise", "submitted", "missing", "mean", "median", "max", "full marks",
              "errors", "timeouts"]
    rows = [[s.exercise.name, s.submitted, s.missing, _number(s.mean), _number(s.median),
             s.exercise.points, s.full_marks, s.errors, s.timeouts] for s in view.stats]
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows,
                                                                        strict=True)]
    for row in [header, *rows]:
        cells = [str(row[0]).ljust(widths[0])]
        cells += [str(cell).rjust(width) for cell, width in zip(row[1:], widths[1:],
                                                                  strict=True)]
        lines.append("  ".join(cells).rstrip())
    kinds = {}
    for problem in view.problems:
        kinds[problem.kind] = kinds.get(problem.kind, 0) + 1
    if kinds:
        lines += ["", "Needs attention (listed in index.html): " + ", ".join(
            counted(count, *_KINDS[kind]) for kind, count in kinds.items()) + "."]
    if view.skipped:
        lines += ["", counted(len(view.skipped), "Skipped {n} file (listed in index.html):",
                              "Skipped {n} files (all listed in index.html):")]
        lines += [printable_line(f"  {item.path}: {item.reason}")
                  for item in view.skipped[:SHOWN_SKIPPED]]
        if len(view.skipped) > SHOWN_SKIPPED:
            lines.append(f"  ... and {len(view.skipped) - SHOWN_SKIPPED} more")
    if view.roster is not None:
        lines += ["", *_roster_lines(view)]
    lines.append("")
    lines += [f"Isolation: {level}" for level in view.isolation]
    lines += _clusters(view)
    if any(level.startswith(UNSAFE_MARK) for level in view.isolation):
        lines.append("Warning: some learner code ran UNSAFE (--unsafe-isolation): it could read "
                     "the reference solutions and other learners' files, so its grades may be "
                     "forged.")
    lines += ["", printable_line(f"Files in {shown_path(outcome.out, Path.cwd())}{os.sep}:")]
    entries = [
        (class_report.INDEX, "the class overview: scores, distributions, hardest tests"),
        (class_report.LEARNERS + "/", f"one report per learner ({files})"),
        (gradebook.GRADEBOOK, "one row per learner: a column per exercise, total, percentage"),
        (gradebook.RESULTS, "one row per learner and test"),
        (store.RESULTS, "every result, one JSON per line (the source of the files above)"),
    ]
    if "gradescope" in outcome.files:
        entries.append((gradescope.FOLDER + "/",
                        f"a Gradescope results.json per learner ({files})"))
    entries += [(lms.FILES[name], f"grades to import into {name.capitalize()} (one column per "
                                  "exercise)") for name in lms.FILES if name in outcome.files]
    width = max(len(name) for name, _ in entries)
    lines += [f"  {name.ljust(width)}  {what}" for name, what in entries]
    return "\n".join(lines)


def _clusters(view) -> list[str]:
    """Each cluster that graded some of the class, and each of its workers with the isolation
    level its results report (named once above when the whole class has one level)."""
    lines: list[str] = []
    one_level = len(view.isolation) == 1
    for cluster in sorted({worker.cluster for worker in view.workers}):
        workers = [worker for worker in view.workers if worker.cluster == cluster]
        lines.append(printable_line(counted(len(workers), *_CLUSTER[one_level], cluster=cluster)))
        for worker in workers[:SHOWN_WORKERS]:
            lines.append(printable_line(counted(
                worker.graded, *_WORKER[one_level], address=worker.address,
                isolation="; ".join(worker.isolation) or "no learner code was run")))
        if len(workers) > SHOWN_WORKERS:
            lines.append(f"  ... and {len(workers) - SHOWN_WORKERS} more (all listed in "
                         "index.html)")
    return lines


_CLUSTER = {
    True: ("Graded on the Dask cluster at {cluster} by {n} worker, at the isolation level "
           "above:",
           "Graded on the Dask cluster at {cluster} by {n} workers, each at the isolation level "
           "above:"),
    False: ("Graded on the Dask cluster at {cluster} by {n} worker, at the isolation level "
            "shown:",
            "Graded on the Dask cluster at {cluster} by {n} workers, each at the isolation "
            "level shown:"),
}
_WORKER = {
    True: ("  {address} ({n} submission)", "  {address} ({n} submissions)"),
    False: ("  {address} ({n} submission): {isolation}",
            "  {address} ({n} submissions): {isolation}"),
}


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
        lines.append(printable_line(f"  nothing submitted: {shown}"))
    if view.outsiders:
        lines.append(counted(len(view.outsiders),
                             "Not on the roster, so not graded (listed in index.html): {n} "
                             "learner:",
                             "Not on the roster, so not graded (listed in index.html): {n} "
                             "learners:"))
        for outsider in view.outsiders[:SHOWN_SKIPPED]:
            near = f" (the roster has {outsider.near})" if outsider.near else ""
            lines.append(printable_line(f"  {outsider.learner}: {', '.join(outsider.paths)}"
                                        f"{near}"))
        if len(view.outsiders) > SHOWN_SKIPPED:
            lines.append(f"  ... and {len(view.outsiders) - SHOWN_SKIPPED} more")
    return lines


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"

