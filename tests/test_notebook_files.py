"""`grader check softmax.ipynb`: a notebook is graded like a .py file, through the same sandbox,
with what was left out listed in the terminal, the JSON and the report, and every error placed
at its cell ("cell 4, line 2"). A file that is not a notebook is a graded error, never a crash.
The report of a notebook is checked in Chromium too."""

from __future__ import annotations

import json
import re

import jsonschema
import nbformat
import pytest
from nbformat import v4
from test_report_html import tab  # noqa: F401 (a fixture)

from grader.core import grading
from grader.course import paths as course
from grader.render import html as render_html

SEED = 20261129
SOLUTION = course.solution_path("softmax").read_text(encoding="utf-8")
SCHEMA = json.loads((course.PACKAGE_DIR / "result.schema.json").read_text(encoding="utf-8"))
# Right for NumPy arrays only (as tests/corpus/softmax/wrong/list_minus_number.py): some points.
LIST_MINUS = "def softmax(L):\n    e = np.exp(L - max(L))\n    return e / e.sum()"


def notebook(*cells: str | tuple[str, str]) -> str:
    """A notebook as Jupyter saves it: code cells, or ("markdown", text) pairs."""
    made = [v4.new_markdown_cell(cell[1]) if isinstance(cell, tuple) else v4.new_code_cell(cell)
            for cell in cells]
    return nbformat.writes(v4.new_notebook(cells=made))


def check(run_cli, tmp_path, text: str, name: str = "softmax.ipynb", *extra):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return run_cli("check", name, "--seed", SEED, *extra)


def as_json(run_cli, tmp_path, text: str, name: str = "softmax.ipynb") -> tuple[int, dict]:
    outcome = check(run_cli, tmp_path, text, name, "--format", "json")
    document = json.loads(outcome.stdout)
    jsonschema.validate(document, SCHEMA)
    return outcome.exit_code, document


def flat(text: str) -> str:
    return " ".join(text.split())


def test_a_right_answer_gets_full_marks_and_what_was_left_out_is_listed(run_cli, tmp_path):
    text = notebook(("markdown", "# Softmax"), "%matplotlib inline\nimport numpy as np",
                    SOLUTION, "# grader: skip\nimport matplotlib.pyplot as plt\nplt.plot([1])",
                    "!pip install numpy")
    outcome = check(run_cli, tmp_path, text)
    assert outcome.exit_code == 0, outcome.stdout
    assert "Score: 10/10 — full marks" in outcome.stdout
    said = flat(outcome.stdout)
    assert "These 3 parts of softmax.ipynb are left out of grading:" in said
    assert "Cell 2, line 1: `%matplotlib inline` is an IPython magic, which only Jupyter runs." \
        in said
    assert "Cell 4 starts with `# grader: skip`, so the whole cell is left out." in said
    assert "Cell 5, line 1: `!pip install numpy` is a shell command, which the grader does not " \
           "run." in said
    code, document = as_json(run_cli, tmp_path, text)
    assert code == 0
    assert document["notebook"] == "file"
    assert [(item["cell"], item["line"], item["lines"], item["reason"])
            for item in document["left_out"]] == [(2, 1, 1, "magic"), (4, 1, 3, "skip"),
                                                 (5, 1, 1, "shell")]


def test_a_wrong_answer_is_graded_with_the_usual_feedback(run_cli, tmp_path):
    code, document = as_json(run_cli, tmp_path, notebook("import numpy as np", LIST_MINUS))
    assert code == 1
    assert document["status"] == "failed"
    assert 0 < document["score"] < document["max_score"]
    assert document["left_out"] == []


def test_a_syntax_error_points_at_its_cell_and_line(run_cli, tmp_path):
    text = notebook(("markdown", "intro"), "import numpy as np",
                    "def softmax(L):\n    e = np.exp(L\n    return e / e.sum()")
    outcome = check(run_cli, tmp_path, text)
    assert outcome.exit_code == 1
    assert "SyntaxError in cell 3, line 2 of softmax.ipynb:" in outcome.stdout
    assert "e = np.exp(L" in outcome.stdout
    assert "could not be graded" in outcome.stdout


def test_an_error_inside_the_learners_function_names_each_frames_cell(run_cli, tmp_path):
    text = notebook("import numpy as np", "def total(values):\n    return values.summ()",
                    "def softmax(L):\n    e = np.exp(L)\n    return e / total(e)")
    outcome = check(run_cli, tmp_path, text)
    assert outcome.exit_code == 1
    said = flat(outcome.stdout)
    assert "cell 3, line 3, in softmax: return e / total(e)" in said
    assert "cell 2, line 2, in total: return values.summ()" in said


def test_code_that_fails_at_the_top_level_says_where_and_how_to_keep_it_out(run_cli, tmp_path):
    text = notebook("import numpy as np", SOLUTION, "softmax(undefined_scores)")
    outcome = check(run_cli, tmp_path, text)
    assert outcome.exit_code == 1
    said = flat(outcome.stdout)
    assert "Importing softmax.ipynb raised NameError" in said
    assert "cell 3, line 1, at the top level: softmax(undefined_scores)" in said
    assert "Begin a cell that only tries things out with `# grader: skip`" in said


def test_a_check_cell_in_the_notebook_does_nothing_when_the_file_is_graded(run_cli, tmp_path):
    text = notebook(SOLUTION, "from grader.notebook import check\ncheck('softmax')")
    code, document = as_json(run_cli, tmp_path, text)
    assert code == 0
    assert document["output"] == ""


FORGED_FRAMES = """import json, os, stat, struct
FORGED = {"import_error": {"type": "RuntimeError", "message": "forged", "base": False,
                           "frames": [["²", "<module>", "x"], ["999999999999", "f", "y"],
                                      ["7", "g", "z"]]}}
payload = json.dumps(FORGED).encode()
for fd in range(3, 64):
    try:
        if stat.S_ISSOCK(os.fstat(fd).st_mode):
            os.write(fd, struct.pack(">I", len(payload)) + payload)
            os._exit(0)
    except OSError:
        pass
"""


def test_forged_frames_from_the_learner_process_are_shown_not_read_as_numbers(run_cli, tmp_path):
    """The learner process may write its own import failure: a frame whose line is "²" (a digit
    to str.isdigit, which int() refuses) stopped the worker with exit 3."""
    outcome = check(run_cli, tmp_path, notebook("x = 1\n" * 3, FORGED_FRAMES))
    assert outcome.exit_code == 1, outcome.stderr
    said = flat(outcome.stdout)
    assert "Importing softmax.ipynb raised RuntimeError" in said
    assert "line ², at the top level: x" in said
    assert "line 999999999999, in f: y" in said
    assert "cell 2, line 4, in g: z" in said


@pytest.mark.parametrize(("content", "expected"), [
    ("def softmax(L):\n    return L\n", "The file is not a notebook: it is not valid JSON "
                                         "(line 1, column 1: Expecting value)."),
    ('{"cells": []}', "The file is JSON, but not a Jupyter notebook"),
    (notebook(("markdown", "only words")), "The notebook has no code cells"),
    (notebook("", "   \n"), "The code cells of softmax.ipynb are empty"),
    (notebook("%%time\nx = 1", "# grader: skip\ny = 2"),
     "Every code cell of softmax.ipynb is left out of grading"),
])
def test_what_cannot_be_graded_is_a_graded_error_with_a_message(run_cli, tmp_path, content,
                                                              expected):
    code, document = as_json(run_cli, tmp_path, content)
    assert code == 1
    assert document["status"] == "error" and document["score"] == 0
    assert expected in document["message"]


@pytest.mark.parametrize(("source", "expected"), [
    ("x = '\ud800'", "Cell 2 of the notebook holds half of a character (a lone surrogate, "
                      "\\ud800), which is not text Python can read."),
    ("x = 1\x00", "Cell 2 of the notebook holds a NUL character (\\x00), which Python source "
                  "cannot contain."),
])
def test_text_that_json_can_hold_and_python_cannot_is_a_graded_error(run_cli, tmp_path, source,
                                                                     expected):
    """JSON writes "\\ud800" and "\\u0000" as well as any letter: the lone surrogate stopped
    `grader check` with a traceback, and NUL was a syntax error "on line None"."""
    saved = json.loads(notebook("import numpy as np", "y = 2"))
    saved["cells"][1]["source"] = source
    text = json.dumps(saved)  # ensure_ascii: the surrogate is written as an escape
    code, document = as_json(run_cli, tmp_path, text)
    assert code == 1
    assert document["status"] == "error" and document["score"] == 0
    assert expected in document["message"]


def test_a_notebook_may_be_large_with_outputs_but_its_code_is_capped(run_cli, tmp_path):
    saved = json.loads(notebook("import numpy as np", SOLUTION))
    saved["cells"][1]["outputs"] = [{"output_type": "stream", "name": "stdout",
                                     "text": "x" * (3 * 2**20)}]
    code, document = as_json(run_cli, tmp_path, json.dumps(saved))
    assert code == 0, document["message"]
    big = notebook("x = 1\n" + "# filler\n" * 150_000)
    code, document = as_json(run_cli, tmp_path, big)
    assert code == 1
    assert "The code in softmax.ipynb is larger than 1024 KiB" in document["message"]


def test_the_report_lists_what_was_left_out_with_the_learners_text_escaped(tmp_path):
    path = tmp_path / "softmax.ipynb"
    path.write_text(notebook(SOLUTION, "!echo <script>alert(1)</script>"), encoding="utf-8")
    result = grading.grade(path, seed=SEED)
    page = render_html.render(result)
    panel = re.search(r'<section class="panel left-out".*?</section>', page, re.S).group(0)
    assert "<code>!echo &lt;script&gt;alert(1)&lt;/script&gt;</code>" in panel
    assert "<script>" not in page
    assert "This part of softmax.ipynb is left out of grading:" in panel


def test_control_characters_in_a_left_out_line_are_shown_not_obeyed(run_cli, tmp_path):
    outcome = check(run_cli, tmp_path, notebook(SOLUTION, "%who \x1b[2J\x1b[H"))
    assert "\x1b" not in outcome.stdout
    assert "`%who \\x1b[2J\\x1b[H`" in outcome.stdout


# -- in Chromium ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def notebook_reports(tmp_path_factory):
    """Reports of notebooks: one that passes with parts left out, one whose function raises."""
    folder = tmp_path_factory.mktemp("notebook-reports")
    sources = {
        "passing": notebook("%matplotlib inline", SOLUTION, "# grader: skip\nplt.plot([1])"),
        "raising": notebook("%precision 3\nimport numpy as np\n!pip install numpy",
                            "def softmax(L):\n    return np.exp(L) / L.summ()"),
    }
    found = {}
    for kind, text in sources.items():
        path = folder / kind / "softmax.ipynb"
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
        result = grading.grade(path, seed=SEED)
        render_html.write_report(folder / f"{kind}.html", result)
        found[kind] = result
    return folder, found


@pytest.mark.chromium
@pytest.mark.parametrize("kind", ["passing", "raising"])
@pytest.mark.parametrize("width", [1100, 390], ids=["desktop", "phone"])
def test_a_notebooks_report_in_chromium(tab, notebook_reports, kind, width):  # noqa: F811
    folder, results = notebook_reports
    result = results[kind]
    page = tab.open(folder / f"{kind}.html", width)
    panel = page.locator("section.left-out")
    assert panel.is_visible()
    items = panel.locator("li")
    assert items.count() == len(result.left_out) == 2
    assert items.nth(0).inner_text().startswith("Cell 1, line 1: %")
    if kind == "raising":
        card = page.locator("article.test").first
        assert "cell 2, line 2, in softmax" in card.inner_text()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the window"
    assert tab.problems == [], tab.problems


@pytest.mark.chromium
@pytest.mark.parametrize("width", [900, 390], ids=["notebook", "phone"])
def test_the_verdict_shown_inside_jupyter_in_chromium(tab, notebook_reports, tmp_path,  # noqa: F811
                                                       width):
    """check()'s HTML, in a page of its own as JupyterLab puts it among the notebook's cells."""
    result = notebook_reports[1]["raising"]
    page_file = tmp_path / "notebook.html"
    page_file.write_text("<!DOCTYPE html><html lang=en><meta charset=utf-8><title>n</title><body>"
                         + render_html.inline(result, next_step="Stuck? `hint(\"softmax\")`")
                         + "</body></html>", encoding="utf-8")
    page = tab.open(page_file, width)
    block = page.locator("div.nn-grader")
    assert block.count() == 1 and block.is_visible()
    assert page.locator(".score-value").inner_text().replace("\n", "") == "0/10"
    assert page.locator("article.test").count() == len(result.tests)
    assert page.locator("section.left-out li").count() == 2
    assert "hint(\"softmax\")" in page.locator(".nn-next code").inner_text()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the verdict is {overflow}px wider than the window"
    assert tab.problems == [], tab.problems
