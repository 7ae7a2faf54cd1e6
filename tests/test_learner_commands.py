"""The learner's commands, run as a learner would: init, list/status, check (with and without a
FILE, --all), hint, next, solution, and the usage errors each one must refuse with exit code 2.

Only the softmax and cross_entropy exercises are graded here, so these tests do not depend on
the other suites; exercises before softmax are marked done in the progress file when a test
needs softmax to be "next".
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from grader.course import catalog
from grader.course import paths as course
from grader.study import progress

SOFTMAX = catalog.get("softmax")
CROSS_ENTROPY = catalog.get("cross_entropy")

# A partly right cross entropy: it works on NumPy arrays, but not on the lists the course passes.
PARTLY_RIGHT_CROSS_ENTROPY = """\
import numpy as np

def cross_entropy(Y, P):
    return -np.sum(Y * np.log(P) + (1 - Y) * np.log(1 - P))
"""


@pytest.fixture
def workspace(run_cli, tmp_path, monkeypatch) -> Path:
    """A workspace made by `grader init`, as the working directory."""
    outcome = run_cli("init")
    assert outcome.exit_code == 0, outcome.stderr
    root = tmp_path / "nn-course"
    monkeypatch.chdir(root)
    return root


def done_before(root: Path, name: str) -> None:
    """Record full marks on every exercise before `name`, as if the learner had done them."""
    def change(state: progress.Progress) -> None:
        for exercise in catalog.exercises()[: catalog.names().index(name)]:
            entry = state.entry(exercise.name)
            entry.full_marks_at = "2026-01-01T00:00:00+00:00"
            entry.best_score = float(exercise.points)
            entry.attempts, entry.started = 1, True
    progress.Store(root / ".grader" / "progress.json").update(change)


def saved_progress(root: Path) -> dict:
    return json.loads((root / ".grader" / "progress.json").read_text())["exercises"]


def flat(text: str) -> str:
    """Text with its line wrapping undone."""
    return " ".join(text.split())


def table_row(table: str, name: str) -> str:
    rows = [line for line in table.splitlines() if re.search(rf"\s{name}\s", line)]
    assert len(rows) == 1, table
    return rows[0]


# --- init -------------------------------------------------------------------------------------

def test_init_writes_every_stub_a_readme_and_the_marker(run_cli, tmp_path):
    outcome = run_cli("init")
    assert outcome.exit_code == 0
    root = tmp_path / "nn-course"
    assert "cd nn-course" in outcome.stdout
    shipped = [e for e in catalog.exercises() if course.stub_path(e.name).is_file()]
    assert {"softmax", "cross_entropy"} <= {e.name for e in shipped}
    for exercise in shipped:
        assert (root / f"{exercise.name}.py").read_bytes() == \
            course.stub_path(exercise.name).read_bytes()
    readme = (root / "README.md").read_text()
    positions = [readme.index(f"`{exercise.name}.py`") for exercise in catalog.exercises()]
    assert positions == sorted(positions), "the README lists the course out of order"
    assert "grader watch" in readme and "grader hint" in readme
    marker = json.loads((root / ".grader" / "workspace.json").read_text())
    assert marker["kind"] == "nn-grader-workspace"


def test_init_into_a_named_folder(run_cli, tmp_path):
    outcome = run_cli("init", "my course")
    assert outcome.exit_code == 0
    assert (tmp_path / "my course" / "softmax.py").is_file()


def test_init_refuses_to_overwrite_and_force_overwrites(run_cli, tmp_path):
    assert run_cli("init").exit_code == 0
    mine = tmp_path / "nn-course" / "softmax.py"
    mine.write_text("def softmax(L):\n    return 'my work'\n")
    outcome = run_cli("init")
    assert outcome.exit_code == 2
    assert "already exists" in outcome.stderr and "--force" in outcome.stderr
    assert str(tmp_path / "nn-course") in outcome.stderr
    assert mine.read_text() == "def softmax(L):\n    return 'my work'\n"

    outcome = run_cli("init", "--force")
    assert outcome.exit_code == 0
    assert mine.read_bytes() == course.stub_path("softmax").read_bytes()


def test_init_refuses_a_folder_that_is_a_file(run_cli, tmp_path):
    (tmp_path / "taken").write_text("not a folder")
    outcome = run_cli("init", "taken")
    assert outcome.exit_code == 2
    assert "is not a folder" in outcome.stderr


def test_init_keeps_progress_when_forced(run_cli, workspace):
    done_before(workspace, "softmax")
    assert run_cli("init", str(workspace), "--force").exit_code == 0
    assert saved_progress(workspace)[catalog.exercises()[0].name]["full_marks_at"]


# --- list / status ----------------------------------------------------------------------------

def test_list_of_a_fresh_workspace(run_cli, workspace):
    outcome = run_cli("list")
    assert outcome.exit_code == 0
    lines = outcome.stdout.splitlines()
    first = catalog.exercises()[0]
    for exercise in catalog.exercises():
        row = table_row(outcome.stdout, exercise.name)
        assert exercise.title in row and f"-/{exercise.points}" in row
        assert "not started" in row
        assert row.startswith("→") == (exercise is first)
    titles = [next(i for i, line in enumerate(lines) if f" {e.name} " in line)
              for e in catalog.exercises()]
    assert titles == sorted(titles)
    assert f"Total: 0/{sum(e.points for e in catalog.exercises())} points" in outcome.stdout
    assert run_cli("status").stdout == outcome.stdout


def test_list_shows_best_scores_states_and_the_next_exercise(run_cli, workspace):
    shutil.copyfile(course.solution_path("softmax"), workspace / "softmax.py")
    assert run_cli("check", "softmax.py").exit_code == 0
    (workspace / "cross_entropy.py").write_text(PARTLY_RIGHT_CROSS_ENTROPY)
    wrong = run_cli("check", "cross_entropy.py", "--format", "json")
    assert wrong.exit_code == 1
    score = json.loads(wrong.stdout)["score"]
    assert 0 < score < CROSS_ENTROPY.points  # the premise: a partly right answer

    table = run_cli("status").stdout
    assert "10/10  done" in table_row(table, "softmax")
    assert f"{score:g}/10  in progress" in table_row(table, "cross_entropy")
    assert table_row(table, catalog.exercises()[0].name).startswith("→")

    done_before(workspace, "softmax")
    table = run_cli("list").stdout
    assert table_row(table, "cross_entropy").startswith("→")
    assert "Run: grader check cross_entropy.py" in table


def test_untouched_stub_checked_stays_not_started(run_cli, workspace):
    assert run_cli("check", "softmax.py").exit_code == 1
    assert "-/10" not in table_row(run_cli("list").stdout, "softmax")
    assert "0/10  not started" in table_row(run_cli("list").stdout, "softmax")


def test_list_in_a_clone_of_the_repository(run_cli, tmp_path):
    (tmp_path / "exercises").mkdir()
    shutil.copyfile(course.solution_path("softmax"), tmp_path / "exercises" / "softmax.py")
    assert run_cli("check", "exercises/softmax.py").exit_code == 0
    assert saved_progress(tmp_path)["softmax"]["best_score"] == 10
    table = run_cli("list").stdout
    assert "10/10  done" in table_row(table, "softmax")
    # A file outside exercises/ (here: a solution) is graded but not recorded.
    (tmp_path / "solutions").mkdir()
    shutil.copyfile(course.solution_path("cross_entropy"),
                    tmp_path / "solutions" / "cross_entropy.py")
    assert run_cli("check", "solutions/cross_entropy.py").exit_code == 0
    assert "cross_entropy" not in saved_progress(tmp_path)


def test_check_all_in_a_clone_names_the_folder_its_reports_are_in(run_cli, tmp_path):
    (tmp_path / "exercises").mkdir()
    shutil.copyfile(course.solution_path("softmax"), tmp_path / "exercises" / "softmax.py")
    outcome = run_cli("check", "--all")
    reports = tmp_path.resolve() / "exercises" / ".grader" / "reports"
    assert (reports / "softmax.html").is_file()
    assert f"Reports: {reports}\n" in outcome.stdout


def test_list_outside_a_workspace_shows_the_course_without_progress(run_cli):
    outcome = run_cli("list")
    assert outcome.exit_code == 0
    assert "not in a workspace" in outcome.stderr
    assert all(exercise.title in outcome.stdout for exercise in catalog.exercises())


def test_check_outside_a_workspace_records_nothing(run_cli, tmp_path):
    shutil.copyfile(course.solution_path("softmax"), tmp_path / "softmax.py")
    assert run_cli("check", "softmax.py").exit_code == 0
    assert not (tmp_path / ".grader" / "progress.json").exists()


# --- check without FILE, check --all ----------------------------------------------------------

def test_check_without_file_grades_the_next_exercise(run_cli, workspace):
    done_before(workspace, "softmax")
    shutil.copyfile(course.solution_path("softmax"), workspace / "softmax.py")
    outcome = run_cli("check")
    assert outcome.exit_code == 0
    assert outcome.stdout.startswith("Softmax (softmax) — softmax.py")
    assert "→ Next: Cross entropy. Run: grader check cross_entropy.py" in outcome.stdout

    outcome = run_cli("check", "--format", "json")
    assert outcome.exit_code == 1
    assert json.loads(outcome.stdout)["exercise"] == "cross_entropy"


def test_check_without_file_when_the_next_file_is_missing(run_cli, workspace):
    done_before(workspace, "softmax")
    (workspace / "softmax.py").unlink()
    outcome = run_cli("check")
    assert outcome.exit_code == 2
    assert str(workspace / "softmax.py") in outcome.stderr
    assert "`grader reset softmax` restores its stub" in outcome.stderr
    assert run_cli("reset", "softmax").exit_code == 0  # the advice works
    assert "Not started yet" in run_cli("check").stdout


def test_check_without_file_outside_a_workspace(run_cli):
    outcome = run_cli("check")
    assert outcome.exit_code == 2
    assert "grader init" in outcome.stderr


def test_check_after_everything_is_done(run_cli, workspace):
    done_before(workspace, catalog.exercises()[-1].name)
    progress.Store(workspace / ".grader" / "progress.json").update(
        lambda state: setattr(state.entry(catalog.exercises()[-1].name), "full_marks_at", "now"))
    outcome = run_cli("check")
    assert outcome.exit_code == 0
    assert "full marks on every exercise" in outcome.stdout


def test_check_all_grades_the_workspace_and_prints_the_table(run_cli, workspace):
    for path in workspace.glob("*.py"):
        if path.stem not in ("softmax", "cross_entropy"):
            path.unlink()  # keep this test independent of the other suites
    shutil.copyfile(course.solution_path("softmax"), workspace / "softmax.py")
    outcome = run_cli("check", "--all")
    assert outcome.exit_code == 1  # cross_entropy is still the stub
    assert "10/10  done" in table_row(outcome.stdout, "softmax")
    assert "0/10  not started" in table_row(outcome.stdout, "cross_entropy")
    assert "file missing" in table_row(outcome.stdout, catalog.exercises()[0].name)
    assert (workspace / ".grader" / "reports" / "softmax.html").is_file()
    assert (workspace / ".grader" / "reports" / "cross_entropy.html").is_file()

    shutil.copyfile(course.solution_path("cross_entropy"), workspace / "cross_entropy.py")
    outcome = run_cli("check", "--all", "--format", "json")
    results = json.loads(outcome.stdout)
    assert [result["exercise"] for result in results] == ["softmax", "cross_entropy"]
    assert all(result["status"] == "passed" for result in results)
    assert outcome.exit_code == 1  # the other exercises' files are missing: not all done


@pytest.mark.parametrize("extra", [["softmax.py"], ["--exercise", "softmax"],
                                   ["--html", "r.html"]])
def test_check_all_refuses_a_file_or_exercise(run_cli, workspace, extra):
    outcome = run_cli("check", "--all", *extra)
    assert outcome.exit_code == 2
    assert "--all" in outcome.stderr


def test_check_all_outside_a_workspace(run_cli):
    assert run_cli("check", "--all").exit_code == 2


# --- hint -------------------------------------------------------------------------------------

def test_hints_are_revealed_one_at_a_time_and_remembered(run_cli, workspace):
    count = len(SOFTMAX.hints)
    for number in range(1, count + 1):
        outcome = run_cli("hint", "softmax")
        assert outcome.exit_code == 0
        assert f"Hint {number} of {count} for Softmax:" in outcome.stdout
        assert flat(SOFTMAX.hints[number - 1]) in flat(outcome.stdout)
        for other in set(range(1, count + 1)) - {number}:
            assert f"Hint {other} of" not in outcome.stdout
        assert saved_progress(workspace)["softmax"]["hints_seen"] == list(range(1, number + 1))
        if number < count:
            assert f"Run `grader hint softmax` again for hint {number + 1}." in outcome.stdout
    again = run_cli("hint", "softmax")
    assert f"Hint {count} of {count}" in again.stdout and "That was the last hint" in again.stdout


def test_hint_all_shows_every_hint(run_cli, workspace):
    outcome = run_cli("hint", "cross_entropy", "--all")
    assert outcome.exit_code == 0
    assert all(flat(hint) in flat(outcome.stdout) for hint in CROSS_ENTROPY.hints)
    assert saved_progress(workspace)["cross_entropy"]["hints_seen"] == \
        list(range(1, len(CROSS_ENTROPY.hints) + 1))


def test_hint_without_exercise_is_for_the_next_one(run_cli, workspace):
    done_before(workspace, "softmax")
    assert f"Hint 1 of {len(SOFTMAX.hints)} for Softmax:" in run_cli("hint").stdout


def test_hint_for_an_unknown_exercise(run_cli, workspace):
    outcome = run_cli("hint", "sofmax")
    assert outcome.exit_code == 2
    assert "'sofmax'" in outcome.stderr
    assert all(name in outcome.stderr for name in catalog.names())


def test_hint_outside_a_workspace_cannot_remember(run_cli, tmp_path):
    outcome = run_cli("hint", "softmax")
    assert outcome.exit_code == 0
    assert flat(SOFTMAX.hints[0]) in flat(outcome.stdout) and "--all" in outcome.stdout
    assert run_cli("hint").exit_code == 2  # no workspace, no "next" exercise to default to
    assert not (tmp_path / ".grader").exists()


# --- next -------------------------------------------------------------------------------------

def test_next_gives_the_task_and_the_command(run_cli, workspace):
    first = catalog.exercises()[0]
    outcome = run_cli("next")
    assert outcome.exit_code == 0
    assert first.title in outcome.stdout and flat(first.task) in flat(outcome.stdout)
    assert f"grader check {first.name}.py" in outcome.stdout

    done_before(workspace, "softmax")
    outcome = run_cli("next")
    assert flat(SOFTMAX.task) in flat(outcome.stdout)
    assert "Check:  grader check softmax.py" in outcome.stdout
    assert "grader hint softmax" in outcome.stdout


def test_next_from_outside_the_workspace_folder_names_the_path(run_cli, workspace,
                                                              monkeypatch):
    monkeypatch.chdir(workspace / ".grader")
    outcome = run_cli("next")
    assert f"grader check {workspace / catalog.exercises()[0].name}.py" in outcome.stdout


def test_next_outside_a_workspace(run_cli):
    outcome = run_cli("next")
    assert outcome.exit_code == 2
    assert "grader init" in outcome.stderr


# --- solution ---------------------------------------------------------------------------------

def test_solution_is_refused_before_full_marks_with_a_hint(run_cli, workspace):
    outcome = run_cli("solution", "softmax")
    assert outcome.exit_code == 1
    assert "full marks" in outcome.stdout and "--force" in outcome.stdout
    assert f"Hint 1 of {len(SOFTMAX.hints)} for Softmax:" in outcome.stdout
    assert "np.sum(expL)" not in outcome.stdout
    assert saved_progress(workspace)["softmax"]["solution_shown"] is False


def test_solution_after_full_marks(run_cli, workspace):
    (workspace / "softmax.py").write_text("import numpy as np\n\n"
                                          "def softmax(L):\n"
                                          "    return np.exp(L) / np.exp(L).sum()\n")
    assert run_cli("check", "softmax.py").exit_code == 0
    outcome = run_cli("solution", "softmax")
    assert outcome.exit_code == 0
    assert course.solution_path("softmax").read_text().strip() in outcome.stdout
    entry = saved_progress(workspace)["softmax"]
    assert entry["solution_shown"] is True and entry["solution_before_full_marks"] is False


def test_solution_forced_is_noted_in_progress(run_cli, workspace):
    outcome = run_cli("solution", "cross_entropy", "--force")
    assert outcome.exit_code == 0
    assert course.solution_path("cross_entropy").read_text().strip() in outcome.stdout
    assert "noted in your progress" in outcome.stdout
    assert saved_progress(workspace)["cross_entropy"]["solution_before_full_marks"] is True


def test_solution_of_an_unknown_exercise(run_cli, workspace):
    outcome = run_cli("solution", "nope")
    assert outcome.exit_code == 2
    assert "softmax" in outcome.stderr


def test_solution_outside_a_workspace_is_refused(run_cli):
    outcome = run_cli("solution", "softmax")
    assert outcome.exit_code == 1
    assert "Outside a workspace" in outcome.stdout


# --- the HTML report ---------------------------------------------------------------------------

def test_a_failing_report_names_the_hints_the_terminal_names_and_does_not_invite_moving_on(
        run_cli, workspace):
    (workspace / "cross_entropy.py").write_text(PARTLY_RIGHT_CROSS_ENTROPY)
    outcome = run_cli("check", "cross_entropy.py")
    assert outcome.exit_code == 1
    html = (workspace / ".grader" / "reports" / "cross_entropy.html").read_text()
    assert 'class="panel next"' not in html and "Next:" not in html
    assert "Next" not in outcome.stdout
    in_html = {int(n) for n in re.findall(r"Hint (\d+)[:,]", html)}
    assert in_html and in_html == _hints_in(outcome.stdout)
    assert "grader hint cross_entropy" in html


def _next_panel_target(report: Path) -> Path:
    html = report.read_text()
    href = re.search(r'<section class="panel next".*?<a href="([^"]+)"', html, re.S).group(1)
    return (report.parent / href).resolve()


def test_one_next_exercise_everywhere(run_cli, workspace):
    """`grader next`, `grader list`, the line under a verdict and the HTML report name the same
    exercise: the first not at full marks, even when the one just finished comes later."""
    done_before(workspace, "softmax")
    progress.Store(workspace / ".grader" / "progress.json").update(
        lambda state: setattr(state.entry("or_perceptron"), "full_marks_at", None))
    shutil.copyfile(course.solution_path("softmax"), workspace / "softmax.py")

    checked = run_cli("check", "softmax.py")
    assert checked.exit_code == 0
    title = catalog.get("or_perceptron").title
    assert f"→ Next: {title}. Run: grader check or_perceptron.py" in checked.stdout
    report = workspace / ".grader" / "reports" / "softmax.html"
    assert _next_panel_target(report) == workspace / "or_perceptron.py"
    assert f"Next: exercise 2 of {len(catalog.exercises())}, {title}" in run_cli("next").stdout
    table = run_cli("list").stdout
    assert table_row(table, "or_perceptron").startswith("→")
    assert [line for line in table.splitlines() if line.startswith("→")] == \
        [table_row(table, "or_perceptron"), f"→ Next: {title}. Run: grader check or_perceptron.py"]
    watched = run_cli("check")  # without a FILE: the same exercise
    assert watched.stdout.startswith(f"{title} (or_perceptron)")


def test_the_next_exercise_without_its_file(run_cli, workspace):
    done_before(workspace, "softmax")
    (workspace / "cross_entropy.py").unlink()
    shutil.copyfile(course.solution_path("softmax"), workspace / "softmax.py")
    outcome = run_cli("check", "softmax.py")
    assert "→ Next: Cross entropy. Its file is missing: `grader reset cross_entropy` restores " \
        "the stub." in outcome.stdout
    html = (workspace / ".grader" / "reports" / "softmax.html").read_text()
    assert "<code>grader reset cross_entropy</code> restores the stub" in html


# --- hints agree with what was shown ----------------------------------------------------------

def _hints_in(text: str) -> set[int]:
    return {int(number) for number in re.findall(r"^\s*Hint (\d+)[:,]", text, re.M)}


def test_the_hints_a_verdict_shows_count_as_seen_and_the_footer_offers_the_next(run_cli,
                                                                                 workspace):
    count = len(SOFTMAX.hints)
    outcome = run_cli("check", "softmax.py")  # the untouched stub: one hint under "not started"
    shown = _hints_in(outcome.stdout)
    assert len(shown) == 1
    unseen = min(set(range(1, count + 1)) - shown)
    assert outcome.stdout.rstrip().endswith(
        f"Stuck? `grader hint softmax` shows hint {unseen} of {count}.")
    assert saved_progress(workspace)["softmax"]["hints_seen"] == sorted(shown)
    hint = run_cli("hint", "softmax")
    assert f"Hint {unseen} of {count} for Softmax:" in hint.stdout  # what the footer said

    (workspace / "softmax.py").write_text("import numpy as np\n\n"
                                          "def softmax(L):\n    return np.asarray(L) ** 2\n")
    outcome = run_cli("check", "softmax.py")
    seen = shown | {unseen} | _hints_in(outcome.stdout)
    footer = flat(outcome.stdout.split("Report: ")[1]).split(" ", 1)[1]
    left = set(range(1, count + 1)) - seen
    if left:
        assert footer == f"Stuck? `grader hint softmax` shows hint {min(left)} of {count}."
    else:
        assert footer == (f"Stuck? You have seen all {count} hints: `grader hint softmax --all` "
                          "shows them again.")
    assert saved_progress(workspace)["softmax"]["hints_seen"] == sorted(seen)


def test_a_json_check_shows_no_hint_so_none_counts_as_seen(run_cli, workspace):
    assert run_cli("check", "softmax.py", "--format", "json").exit_code == 1
    assert saved_progress(workspace)["softmax"]["hints_seen"] == []


def test_solution_before_full_marks_says_it_spends_a_hint_and_does(run_cli, workspace):
    count = len(SOFTMAX.hints)
    outcome = run_cli("solution", "softmax")
    assert outcome.exit_code == 1
    assert f"Here is hint 1 of {count} instead; it now counts as seen" in flat(outcome.stdout)
    assert f"Hint 1 of {count} for Softmax:" in outcome.stdout
    assert saved_progress(workspace)["softmax"]["hints_seen"] == [1]
    assert "Hint 2 of" in run_cli("hint", "softmax").stdout  # hint 1 was spent

    run_cli("hint", "softmax", "--all")
    outcome = run_cli("solution", "softmax")
    assert "You have seen every hint, so none is spent" in flat(outcome.stdout)
    assert f"Hint {count} of {count} for Softmax:" in outcome.stdout
    assert saved_progress(workspace)["softmax"]["hints_seen"] == list(range(1, count + 1))


def test_solution_outside_a_workspace_spends_nothing(run_cli, tmp_path):
    outcome = run_cli("solution", "softmax")
    assert "nothing is remembered, so no hint is spent" in flat(outcome.stdout)
    assert not (tmp_path / ".grader").exists()


# --- reset ------------------------------------------------------------------------------------

def test_reset_restores_the_stub_and_keeps_the_progress(run_cli, workspace):
    (workspace / "cross_entropy.py").write_text(PARTLY_RIGHT_CROSS_ENTROPY)
    assert run_cli("check", "cross_entropy.py").exit_code == 1
    before = saved_progress(workspace)["cross_entropy"]
    assert before["best_score"] > 0

    refused = run_cli("reset", "cross_entropy", input="n\n")
    assert refused.exit_code == 1
    assert "Replace cross_entropy.py with a fresh stub of Cross entropy?" in refused.stdout
    assert "Nothing changed" in refused.stdout
    assert (workspace / "cross_entropy.py").read_text() == PARTLY_RIGHT_CROSS_ENTROPY

    no_answer = run_cli("reset", "cross_entropy")  # no terminal to answer: a no
    assert no_answer.exit_code == 1
    assert (workspace / "cross_entropy.py").read_text() == PARTLY_RIGHT_CROSS_ENTROPY

    done = run_cli("reset", "cross_entropy", input="y\n")
    assert done.exit_code == 0
    assert "Restored cross_entropy.py" in done.stdout and "progress is kept" in done.stdout
    assert (workspace / "cross_entropy.py").read_bytes() == \
        course.stub_path("cross_entropy").read_bytes()
    assert saved_progress(workspace)["cross_entropy"] == before
    assert "in progress" in table_row(run_cli("list").stdout, "cross_entropy")


def test_reset_force_does_not_ask(run_cli, workspace):
    (workspace / "softmax.py").write_text("def softmax(L):\n    return L\n")
    outcome = run_cli("reset", "softmax", "--force")
    assert outcome.exit_code == 0 and "Replace" not in outcome.stdout
    assert (workspace / "softmax.py").read_bytes() == course.stub_path("softmax").read_bytes()


def test_reset_of_a_missing_or_untouched_file_does_not_ask(run_cli, workspace):
    (workspace / "softmax.py").unlink()
    outcome = run_cli("reset", "softmax")
    assert outcome.exit_code == 0 and "Replace" not in outcome.stdout
    assert (workspace / "softmax.py").read_bytes() == course.stub_path("softmax").read_bytes()
    again = run_cli("reset", "softmax")
    assert again.exit_code == 0 and "already the untouched stub" in again.stdout


def test_reset_never_writes_through_a_link(run_cli, workspace, tmp_path):
    elsewhere = tmp_path / "elsewhere.py"
    elsewhere.write_text("keep me\n")
    (workspace / "softmax.py").unlink()
    (workspace / "softmax.py").symlink_to(elsewhere)
    outcome = run_cli("reset", "softmax", "--force")
    assert outcome.exit_code == 2 and "not a regular file" in outcome.stderr
    assert elsewhere.read_text() == "keep me\n"


def test_reset_outside_a_workspace(run_cli):
    outcome = run_cli("reset", "softmax")
    assert outcome.exit_code == 2 and "grader init" in outcome.stderr


# --- a misspelt exercise name -----------------------------------------------------------------

@pytest.mark.parametrize("command", [
    ["hint", "sofmax"], ["solution", "sofmax"], ["reset", "sofmax"],
    ["check", "softmax.py", "--exercise", "sofmax"], ["check", "sofmax.py"],
    ["watch", "sofmax.py"], ["watch", "softmax.py", "--exercise", "sofmax"],
    ["report", ".", "-o", "out", "--exercise", "sofmax"],
])
def test_every_command_repeats_a_misspelt_name_and_suggests_the_right_one(run_cli, workspace,
                                                                          command):
    shutil.copyfile(workspace / "softmax.py", workspace / "sofmax.py")
    outcome = run_cli(*command)
    assert outcome.exit_code == 2
    message = flat(outcome.stderr)
    typed = "'sofmax.py'" if "sofmax.py" in command else "'sofmax'"
    assert typed in message and "Did you mean 'softmax'?" in message
    assert all(name in message for name in catalog.names())
    assert not (workspace / "out").exists()


def test_a_name_like_none_gets_no_suggestion(run_cli, workspace):
    outcome = run_cli("hint", "zzz")
    assert outcome.exit_code == 2
    assert "there is no exercise 'zzz'." in flat(outcome.stderr)
    assert "Did you mean" not in outcome.stderr
