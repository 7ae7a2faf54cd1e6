"""`check("softmax")` inside Jupyter, tested by running real notebooks headless in a real kernel
(nbclient and ipykernel): it grades the inputs the kernel ran, in the order they ran, through the
same sandbox as `grader check`, shows the verdict as HTML and as text, and records the check in
the workspace. The learner's code never runs again in the kernel."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from nbclient import NotebookClient
from nbformat import v4

from grader.course import catalog
from grader.course import paths as course
from grader.notebook import UsageError, check
from grader.study import workspace

SOLUTION = course.solution_path("softmax").read_text(encoding="utf-8")
SQUARES = ("import numpy as np\n\ndef softmax(L):\n    s = np.array(L, dtype=float) ** 2\n"
           "    return s / s.sum()")
CHECK = "from grader.notebook import check\ncheck('softmax', seed=20261129)"


class Kernel:
    """One real kernel, whose cells are run one at a time, in the order a test chooses; a cell
    that raises is kept as Jupyter keeps it (its error is the cell's output)."""

    def __init__(self, client: NotebookClient, notebook) -> None:
        self.client = client
        self.notebook = notebook

    def run(self, source: str) -> list[dict]:
        cell = v4.new_code_cell(source)
        self.notebook.cells.append(cell)
        self.client.execute_cell(cell, len(self.notebook.cells) - 1)
        return cell.outputs

    def verdict(self, source: str = CHECK) -> tuple[str, str]:
        """The text and the HTML a check cell shows."""
        shown = [output for output in self.run(source) if output.output_type == "display_data"]
        assert len(shown) == 1, self.notebook.cells[-1].outputs
        return shown[0].data["text/plain"], shown[0].data["text/html"]


@pytest.fixture
def course_folder(tmp_path) -> Path:
    return workspace.create(tmp_path / "course", notebooks=True).root


@pytest.fixture
def kernel(course_folder):
    notebook = v4.new_notebook(metadata={"kernelspec": {"name": "python3",
                                                        "display_name": "Python 3",
                                                        "language": "python"}})
    client = NotebookClient(notebook, timeout=180, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(course_folder)}})
    with client.setup_kernel():
        yield Kernel(client, notebook)


def progress(folder: Path) -> dict:
    return json.loads((folder / ".grader" / "progress.json").read_text())["exercises"]


def flat(text: str) -> str:
    return " ".join(text.split())


def test_a_right_answer_shows_full_marks_inline_and_is_recorded(kernel, course_folder):
    kernel.run(SOLUTION)
    text, page = kernel.verdict()
    assert "Score: 10/10 — full marks" in text
    assert "Graded: the code you ran in this notebook's kernel" in flat(text)
    assert 'class="nn-grader status-passed"' in page
    assert 'data-score="10.0" data-max="10.0"' in page
    assert "<script" not in page and "<html" not in page
    entry = progress(course_folder)["softmax"]
    assert entry["attempts"] == 1 and entry["best_score"] == 10 and entry["full_marks_at"]
    report = (course_folder / ".grader" / "reports" / "softmax.html").read_text()
    assert '<code>check("softmax", seed=20261129)</code> repeats this run' in report, \
        "the report says how to repeat the run where it was made: in the notebook"
    assert "Next: AND perceptron. Open and_perceptron.ipynb and run its cells." in flat(text)


def test_a_wrong_answer_is_not_yet_and_the_hint_is_one_call_away(kernel, course_folder):
    kernel.run(SQUARES)
    text, page = kernel.verdict()
    assert "— not yet" in text and 'class="nn-grader status-failed"' in page
    assert '<code>hint("softmax", every=True)</code> in a cell lists every hint' in page
    assert progress(course_folder)["softmax"]["full_marks_at"] is None
    said = flat(text)
    total = len(catalog.get("softmax").hints)
    assert f'Stuck? You have seen all {total} hints: `hint("softmax", every=True)` shows them ' \
           'again.' in said, "the verdict showed every hint, so each counts as seen"
    shown = [output for output in kernel.run("from grader.notebook import hint\n"
                                             "hint('softmax', every=True)")
             if output.output_type == "display_data"]
    assert [line for line in shown[0].data["text/plain"].splitlines() if "for Softmax:" in line] \
        == [f"Hint {n} of {total} for Softmax:" for n in range(1, total + 1)]


def test_magics_and_shell_commands_run_in_the_kernel_are_left_out(kernel):
    kernel.run("%precision 3\n!echo hello\n" + SOLUTION)
    text, page = kernel.verdict()
    said = flat(text)
    assert "Score: 10/10" in said
    assert "In [1], line 1: `%precision 3` is an IPython magic, which only Jupyter runs." in said
    assert "In [1], line 2: `!echo hello` is a shell command" in said
    assert "<code>%precision 3</code>" in page


def test_a_cell_with_a_syntax_error_ran_nothing_and_is_left_out(kernel):
    failed = kernel.run("def softmax(L)\n    return L")
    assert failed[0].output_type == "error" and failed[0].ename == "SyntaxError"
    kernel.run(SOLUTION)
    text, _ = kernel.verdict()
    said = flat(text)
    assert "Score: 10/10" in said
    assert "In [1] has a syntax error, so the kernel did not run it either: the input is left " \
           "out." in said


def test_the_most_recent_definition_wins_as_in_the_kernel(kernel):
    kernel.run(SOLUTION)
    kernel.run(SQUARES)  # the wrong one ran last: the kernel holds it
    text, _ = kernel.verdict()
    assert "— not yet" in text
    kernel.run(SOLUTION)  # the first cell run again
    text, _ = kernel.verdict()
    assert "Score: 10/10 — full marks" in text


def test_an_input_that_stops_with_an_error_is_named_with_what_to_do(kernel):
    kernel.run(SOLUTION)
    kernel.run("softmax(scores_not_defined_yet)")
    text, _ = kernel.verdict()
    said = flat(text)
    assert "could not be graded" in said
    assert "In [2], line 1, at the top level: softmax(scores_not_defined_yet)" in said
    assert "restart the kernel" in said


def test_the_learners_code_does_not_run_again_in_the_kernel(kernel, course_folder):
    kernel.run("with open('runs.txt', 'a') as runs:\n    runs.write('ran\\n')\n" + SOLUTION)
    text, _ = kernel.verdict()
    assert "Score: 10/10" in text
    assert (course_folder / "runs.txt").read_text() == "ran\n"


def test_an_unknown_exercise_is_a_message_not_a_traceback(kernel):
    outputs = kernel.run("from grader.notebook import check\ncheck('sofmax')")
    error = [output for output in outputs if output.output_type == "error"]
    assert len(error) == 1 and error[0].ename == "UsageError"
    shown = "\n".join(error[0].traceback)
    assert "grader: There is no exercise 'sofmax'. Did you mean 'softmax'?" in shown
    assert "Traceback" not in shown and "File " not in shown


def test_the_notebook_jupyter_names_is_the_one_recorded(course_folder, monkeypatch):
    monkeypatch.setenv("JPY_SESSION_NAME", "course/cross_entropy.ipynb")
    notebook = v4.new_notebook()
    client = NotebookClient(notebook, timeout=180, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(course_folder)}})
    with client.setup_kernel():
        kernel = Kernel(client, notebook)
        kernel.run(course.solution_path("cross_entropy").read_text(encoding="utf-8"))
        text, _ = kernel.verdict("from grader.notebook import check\ncheck('cross_entropy')")
    assert "Cross entropy (cross_entropy) — cross_entropy.ipynb" in text
    assert progress(course_folder)["cross_entropy"]["full_marks_at"]


def test_outside_ipython_check_says_where_it_works():
    with pytest.raises(UsageError, match="grades the code run in a Jupyter notebook"):
        check("softmax")
