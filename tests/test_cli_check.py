"""`grader check` as a user runs it: exact exit codes (0 full marks, 1 not full marks, 2 usage
error, 3 grader failure), one JSON document with --format json, the HTML report where it is
asked for or where the text output says, and the installed `grader` command from anywhere."""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from conftest import CORPUS_DIR

from grader import __version__
from grader.core import grading
from grader.course import catalog
from grader.course import paths as course
from grader.results import Result

SEED = "20261129"
ANSI = "\x1b["
SCHEMA = json.loads((course.PACKAGE_DIR / "result.schema.json").read_text(encoding="utf-8"))


def _copy(source: Path, folder: Path, name: str | None = None) -> Path:
    target = folder / (name or source.name)
    shutil.copyfile(source, target)
    return target


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# -- exit code 0 and 1: graded --------------------------------------------------------------


def test_solution_exits_0_and_names_its_report(run_cli, tmp_path):
    _copy(course.solution_path("softmax"), tmp_path)
    outcome = run_cli("check", "softmax.py", "--seed", SEED)
    assert outcome.exit_code == 0, outcome.stdout + outcome.stderr
    lines = outcome.stdout.splitlines()
    assert lines[0] == "Softmax (softmax) — softmax.py"
    assert "Score: 10/10 — full marks" in lines
    report = tmp_path / ".grader" / "reports" / "softmax.html"
    assert f"Report: {report}" in lines
    assert report.is_file()
    assert "<h1>Softmax</h1>" in report.read_text(encoding="utf-8")
    assert ANSI not in outcome.stdout


def test_an_unmet_optional_challenge_still_exits_0(run_cli, tmp_path):
    _copy(CORPUS_DIR / "softmax" / "right" / "seed_loop.py", tmp_path, "softmax.py")
    outcome = run_cli("check", "softmax.py", "--seed", SEED, "--format", "json")
    result = json.loads(outcome.stdout)
    assert outcome.exit_code == 0
    assert result["status"] == "passed"
    challenge = [test for test in result["tests"] if test["optional"]]
    assert challenge and challenge[0]["status"] == "failed"


def test_untouched_stub_exits_1_as_not_started(run_cli, tmp_path):
    _copy(course.stub_path("cross_entropy"), tmp_path)
    outcome = run_cli("check", "cross_entropy.py", "--seed", SEED)
    assert outcome.exit_code == 1
    assert "Not started yet" in outcome.stdout
    assert "Score: 0/10 — not yet" in outcome.stdout
    assert "Traceback" not in outcome.stdout + outcome.stderr


def test_wrong_answer_exits_1_with_its_targeted_message(run_cli, tmp_path):
    _copy(CORPUS_DIR / "cross_entropy" / "wrong" / "log_base_10.py", tmp_path)
    outcome = run_cli("check", "log_base_10.py", "--exercise", "cross_entropy", "--seed", SEED)
    assert outcome.exit_code == 1
    assert "log base 10? Use the natural log" in outcome.stdout
    assert "Score: 0/10 — not yet" in outcome.stdout


def test_syntax_error_exits_1_not_2_or_3(run_cli, tmp_path):
    _write(tmp_path, "softmax.py", "def softmax(L)\n    return L\n")
    outcome = run_cli("check", "softmax.py", "--seed", SEED)
    assert outcome.exit_code == 1
    assert "Your file could not be graded:" in outcome.stdout
    assert "SyntaxError on line 1 of softmax.py" in outcome.stdout
    assert "\n      def softmax(L)\n" + " " * 20 + "^\n" in outcome.stdout  # where ':' belongs
    assert "Score: 0/10 — could not be graded" in outcome.stdout


# -- exit code 2: usage errors, before anything is graded -----------------------------------


def _lists_every_exercise(text: str) -> bool:
    return all(name in text for name in catalog.names())


def test_unknown_exercise_from_the_file_name_exits_2_listing_the_names(run_cli, tmp_path):
    _copy(course.solution_path("softmax"), tmp_path, "my_softmax.py")
    outcome = run_cli("check", "my_softmax.py")
    assert outcome.exit_code == 2
    assert "the file name 'my_softmax.py' names no exercise" in outcome.stderr
    assert _lists_every_exercise(outcome.stderr)
    assert outcome.stdout == ""


def test_unknown_exercise_option_exits_2_listing_the_names(run_cli, tmp_path):
    _copy(course.solution_path("softmax"), tmp_path)
    outcome = run_cli("check", "softmax.py", "--exercise", "softmaks")
    assert outcome.exit_code == 2
    assert "--exercise names no exercise" in outcome.stderr
    assert _lists_every_exercise(outcome.stderr)


def test_missing_file_exits_2(run_cli):
    outcome = run_cli("check", "nowhere/softmax.py")
    assert outcome.exit_code == 2
    assert "'nowhere/softmax.py' does not exist" in outcome.stderr


def test_bad_format_exits_2_naming_the_choices(run_cli, tmp_path):
    _copy(course.solution_path("softmax"), tmp_path)
    outcome = run_cli("check", "softmax.py", "--format", "xml")
    assert outcome.exit_code == 2
    assert "'xml' is not one of 'text', 'json'" in outcome.stderr


# -- exit code 3: the grader itself failed --------------------------------------------------


def test_grader_failure_exits_3(run_cli, tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise grading.GraderFailure("the suite could not be loaded", seed=7)

    monkeypatch.setattr(grading, "grade", broken)
    _copy(course.solution_path("softmax"), tmp_path)
    outcome = run_cli("check", "softmax.py")
    assert outcome.exit_code == 3
    first, report = outcome.stderr.split("\n", 1)
    assert first == "grader: internal failure: the suite could not be loaded"
    assert report.startswith(f"This is a bug in nn-grader {__version__}, not a problem with the "
                             "code that was checked. Please report it")
    assert report.endswith("`grader check FILE --seed 7` repeats this run.\n")
    assert outcome.stdout == ""


@pytest.mark.parametrize(("worker", "why"), [
    ("import sys; print('Traceback: boom', file=sys.stderr); sys.exit(5)",
     "the grading process failed (exit code 5):\nTraceback: boom"),
    ("print('{\"schema\": 1, \"half a result')",
     "the grading process sent an unreadable result"),
], ids=["worker-crashes", "worker-garbles"])
def test_a_broken_grading_process_exits_3(run_cli, tmp_path, monkeypatch, worker, why):
    monkeypatch.setattr(grading, "python_command", lambda code: [sys.executable, "-c", worker])
    _copy(course.solution_path("softmax"), tmp_path)
    outcome = run_cli("check", "softmax.py", "--format", "json")
    assert outcome.exit_code == 3
    assert why in outcome.stderr
    assert outcome.stdout == ""


# -- --format json and --html ----------------------------------------------------------------


def test_json_is_one_schema_valid_document_and_nothing_else(run_cli, tmp_path):
    # A submission that prints at import and in every call: none of it may reach stdout.
    _copy(CORPUS_DIR / "softmax" / "right" / "prints_while_working.py", tmp_path, "mine.py")
    outcome = run_cli("check", "mine.py", "--exercise", "softmax", "--format", "json",
                      "--seed", SEED)
    assert outcome.exit_code == 0
    document = json.loads(outcome.stdout)  # raises on anything before or after the document
    assert outcome.stdout.startswith("{") and outcome.stdout.rstrip().endswith("}")
    jsonschema.validate(document, SCHEMA)
    assert document["submission"] == "mine.py"
    assert document["seed"] == int(SEED)
    assert "loading my softmax" in document["output"]
    assert Result.from_json(outcome.stdout).to_dict() == document
    assert not (tmp_path / ".grader").exists(), "json alone writes no report"


def test_json_of_an_error_is_schema_valid_too(run_cli, tmp_path):
    _write(tmp_path, "cross_entropy.py", "import tensorflow\n")
    outcome = run_cli("check", "cross_entropy.py", "--format", "json", "--seed", SEED)
    assert outcome.exit_code == 1
    document = json.loads(outcome.stdout)
    jsonschema.validate(document, SCHEMA)
    assert document["status"] == "error"
    assert "tensorflow" in document["message"]


def test_html_option_writes_the_report_there(run_cli, tmp_path):
    _copy(course.stub_path("softmax"), tmp_path)
    target = tmp_path / "out" / "deeper" / "report.html"
    outcome = run_cli("check", "softmax.py", "--html", "out/deeper/report.html", "--seed", SEED)
    assert outcome.exit_code == 1
    assert target.is_file()
    assert "Report: out/deeper/report.html" in outcome.stdout.splitlines()
    assert not (tmp_path / ".grader").exists(), "no second report at the default path"
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "Not started yet" in html


def test_html_and_json_together(run_cli, tmp_path):
    _copy(course.stub_path("softmax"), tmp_path)
    outcome = run_cli("check", "softmax.py", "--html", "r.html", "--format", "json")
    assert outcome.exit_code == 1
    json.loads(outcome.stdout)
    assert (tmp_path / "r.html").is_file()


def test_piped_output_has_no_colour_even_without_no_color(run_cli, tmp_path, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    _copy(course.stub_path("softmax"), tmp_path)
    outcome = run_cli("check", "softmax.py")
    assert outcome.exit_code == 1
    assert ANSI not in outcome.stdout


def test_help(run_cli):
    outcome = run_cli("--help")
    assert outcome.exit_code == 0
    assert "check" in outcome.stdout
    outcome = run_cli("check", "--help")
    assert outcome.exit_code == 0
    for option in ("--exercise", "--format", "--html", "--seed"):
        assert option in outcome.stdout


# -- the installed command, from any directory ----------------------------------------------


def _installed_grader() -> str:
    path = shutil.which("grader")
    assert path, "the `grader` console script is not on PATH: pip install -e '.[test]'"
    return path


def _clean_env(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if key not in ("NO_COLOR", "FORCE_COLOR", "PYTHONPATH")}
    env.update(extra)
    return env


def test_installed_grader_works_from_any_directory(tmp_path):
    _copy(course.stub_path("softmax"), tmp_path)
    run = subprocess.run([_installed_grader(), "check", "softmax.py", "--seed", SEED],
                         cwd=tmp_path, capture_output=True, text=True, env=_clean_env(),
                         timeout=120, check=False)
    assert run.returncode == 1, run.stderr
    assert run.stdout.splitlines()[0] == "Softmax (softmax) — softmax.py"
    assert "Not started yet" in run.stdout
    assert "Score: 0/10 — not yet" in run.stdout
    assert ANSI not in run.stdout, "piped output must have no colour"
    assert (tmp_path / ".grader" / "reports" / "softmax.html").is_file()


def test_python_dash_m_grader(tmp_path):
    run = subprocess.run([sys.executable, "-m", "grader", "--help"], cwd=tmp_path,
                         capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode == 0, run.stderr
    assert "check" in run.stdout


def _on_a_terminal(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, str]:
    """Run a command with its stdout on a pseudo-terminal, as a learner's shell does."""
    primary, secondary = pty.openpty()
    process = subprocess.Popen(args, cwd=cwd, env=env, stdout=secondary,
                               stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:  # EIO: the terminal's other side has closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(primary)
    return process.wait(timeout=120), b"".join(chunks).decode("utf-8", errors="replace")


@pytest.mark.parametrize(("no_color", "coloured"), [(None, True), ("1", False)],
                         ids=["terminal", "terminal-NO_COLOR"])
def test_colour_on_a_terminal_unless_no_color(tmp_path, no_color, coloured):
    _copy(course.stub_path("softmax"), tmp_path)
    env = _clean_env(TERM="xterm-256color", **({"NO_COLOR": no_color} if no_color else {}))
    code, output = _on_a_terminal([_installed_grader(), "check", "softmax.py"], tmp_path, env)
    assert code == 1
    assert "Score: 0/10" in output.replace("\x1b[1m", "").replace("\x1b[0m", "")
    assert (ANSI in output) is coloured
