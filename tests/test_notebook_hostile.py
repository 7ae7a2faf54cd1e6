"""Notebooks made to hurt the grader rather than to be graded. Whatever arrives, reading it stays
within its caps (memory here, measured with tracemalloc: the parse runs in the process that holds
the verdicts), and what cannot be graded is a graded error that says why, in English and Chinese,
never a traceback. What a notebook holds outside its code cells is never graded."""

from __future__ import annotations

import json
import sys
import tracemalloc

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grader import i18n
from grader.core import grading, notebooks
from grader.course import paths as course
from grader.render import html as render_html

SEED = 20261129
SOLUTION = course.solution_path("softmax").read_text(encoding="utf-8")
MIB = 2**20


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    i18n.use(i18n.ENGLISH)


def notebook(*sources: str, **extra) -> bytes:
    """A format 4 notebook of code cells, as few bytes as JSON allows."""
    cells = [{"cell_type": "code", "source": source, "metadata": {}, "outputs": []}
             for source in sources]
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": cells,
                       **extra}).encode()


def format_3(*worksheets: list[dict]) -> bytes:
    return json.dumps({"nbformat": 3, "nbformat_minor": 0, "metadata": {"name": ""},
                       "worksheets": [{"cells": cells, "metadata": {}}
                                      for cells in worksheets]}).encode()


def code_3(text: str, outputs: int = 0) -> dict:
    stream = {"output_type": "stream", "stream": "stdout", "text": "a", "metadata": {}}
    return {"cell_type": "code", "input": text, "language": "python", "collapsed": False,
            "metadata": {}, "outputs": [stream] * outputs}


def peak_while(work) -> tuple[object, int]:
    """What `work()` returned or raised, and the most memory it held at once."""
    tracemalloc.start()
    try:
        try:
            outcome = work()
        except notebooks.NotANotebook as error:
            outcome = error
        return outcome, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def as_json(run_cli, tmp_path, raw: bytes, *lang: str) -> tuple[int, dict]:
    (tmp_path / "softmax.ipynb").write_bytes(raw)
    outcome = run_cli(*lang, "check", "softmax.ipynb", "--seed", SEED, "--format", "json")
    return outcome.exit_code, json.loads(outcome.stdout)


# -- numbers Python refuses to read ---------------------------------------------------------


@pytest.mark.parametrize("where", ["minor", "metadata"])
@pytest.mark.parametrize(("lang", "expected"), [
    ((), "The file is not a notebook: it holds a number of more than {digits} digits, and no "
         "notebook does."),
    (("--lang", "zh"), "该文件不是 notebook：它含有一个超过 {digits} 位的数字"),
])
def test_a_number_longer_than_python_reads_is_a_graded_error(run_cli, tmp_path, where, lang,
                                                             expected):
    """Python refuses to read an integer of more than 4300 digits (a ValueError that is not a
    JSONDecodeError): `grader check` stopped with a traceback and exit 3."""
    digits = "9" * (sys.get_int_max_str_digits() + 1)
    raw = notebook(SOLUTION).replace(b'"nbformat_minor": 5', b'"nbformat_minor": ' + digits
                                     .encode()) if where == "minor" else \
        notebook(SOLUTION).replace(b'"metadata": {}', b'"metadata": {"n": ' + digits.encode()
                                   + b"}", 1)
    code, document = as_json(run_cli, tmp_path, raw, *lang)
    assert code == 1
    assert document["status"] == "error" and document["score"] == 0
    assert expected.format(digits=sys.get_int_max_str_digits()) in document["message"]


# -- code larger than a submission ----------------------------------------------------------


def test_code_over_the_cap_is_refused_before_its_lines_are_converted():
    """A 15 MiB cell of `%a` lines, each converted before the code's size was checked, held
    1.6 GB and 34 seconds of the grading process; 2 MiB of them held 200 MB."""
    raw = notebook("%a\n" * (2 * MIB // 3))
    outcome, peak = peak_while(lambda: notebooks.read(raw, "softmax.ipynb"))
    assert isinstance(outcome, notebooks.NotANotebook)
    assert "The code in softmax.ipynb is larger than 1024 KiB" in str(outcome)
    assert peak < 8 * len(raw)


def test_code_split_over_many_cells_counts_whole(run_cli, tmp_path):
    third = "#" * (grading.MAX_SOURCE_BYTES // 3)
    raw = notebook(SOLUTION, third, third, third + "#" * 100)
    code, document = as_json(run_cli, tmp_path, raw)
    assert code == 1
    assert document["status"] == "error"
    assert "The code in softmax.ipynb is larger than 1024 KiB, the most a submission may " \
           "hold." in document["message"]


def test_code_just_under_the_cap_is_read():
    module = notebooks.read(notebook("x = 1\n", "#" * (grading.MAX_SOURCE_BYTES - 20)))
    assert module.text.startswith("x = 1\n#")


# -- format 3 -------------------------------------------------------------------------------


def test_a_format_3_notebook_of_many_outputs_costs_what_its_code_costs():
    """nbformat's upgrade validated every output: one cell of 150,000 outputs (9.7 MiB) took
    150 seconds and 6.7 GB of the grading process."""
    raw = format_3([code_3("import numpy as np", outputs=5000), code_3(SOLUTION)])
    outcome, peak = peak_while(lambda: notebooks.read(raw))
    assert isinstance(outcome, notebooks.Module)
    assert outcome.text == f"import numpy as np\n{SOLUTION}"
    assert peak < 8 * MIB


def test_the_worksheets_of_a_format_3_notebook_are_read_in_order_as_jupyter_upgrades_them():
    heading = {"cell_type": "heading", "level": 1, "source": "Softmax", "metadata": {}}
    module = notebooks.read(format_3([heading, code_3("x = 1")],
                                     [code_3(["y = 2\n", "%who\n", "z = 3"])]))
    assert module.text == "x = 1\ny = 2\npass\nz = 3\n"
    assert module.cells.place(3) == "cell 3, line 2"
    assert [(item.cell, item.line, item.reason) for item in module.left_out] == [
        (3, 2, notebooks.MAGIC)]


def test_a_format_3_notebook_reads_as_nbformats_own_upgrade_of_it_reads():
    import nbformat
    from nbformat import v3

    old = v3.new_notebook(worksheets=[
        v3.new_worksheet(cells=[v3.new_heading_cell("Softmax", level=2),
                                v3.new_code_cell(input="%matplotlib inline\nimport numpy as np"),
                                v3.new_text_cell("markdown", source="words"),
                                v3.new_text_cell("raw", source="import os")]),
        v3.new_worksheet(cells=[v3.new_code_cell(input="def f(x):\n    return x!"),
                                v3.new_code_cell(input="# grader: skip\nf(1)"),
                                v3.new_code_cell(input=SOLUTION)])])
    saved = v3.nbjson.writes(old)  # as Jupyter saved it: sources split into lists of lines
    ours = notebooks.read(saved.encode())
    theirs = notebooks.read(nbformat.writes(nbformat.reads(saved, as_version=4)).encode())
    assert ours == theirs
    assert ours.cells.place(4) == "cell 5, line 2"


@pytest.mark.parametrize(("worksheets", "expected"), [
    ("x", "it has no list of cells"),
    (["x"], "it has no list of cells"),
    ([{"cells": 3}], "it has no list of cells"),
    ([{"cells": [{"cell_type": "code", "input": 5}]}], "Cell 1 of the notebook is not a cell"),
    ([{"cells": [{"cell_type": "code", "input": ["a", 3]}]}],
     "Cell 1 of the notebook is not a cell"),
    ([{"cells": [{"cell_type": "heading", "source": 3}]}], "Cell 1 of the notebook is not a cell"),
    ([{"cells": [7]}], "Cell 1 of the notebook is not a cell"),
    ([{"cells": [{"cell_type": "code", "input": "x = '\ud800'"}]}], "lone surrogate, \\ud800"),
    ([], "has no code cells"),
])
def test_a_damaged_format_3_notebook_says_what_is_wrong(worksheets, expected):
    raw = json.dumps({"nbformat": 3, "nbformat_minor": 0, "worksheets": worksheets}).encode()
    with pytest.raises(notebooks.NotANotebook) as raised:
        notebooks.read(raw)
    assert expected in str(raised.value)


# -- what reports show ---------------------------------------------------------------------


BIDI = "%who \u202egnp.tohs\u2066 \u200f\x1b[2J"
SHOWN = "%who \\u202egnp.tohs\\u2066 \\u200f\\x1b[2J"


def test_a_bidi_override_in_a_left_out_line_cannot_reorder_the_html_report(tmp_path):
    """An RLO in a left-out magic turned the rest of its sentence backwards in the report
    ("snur retypuJ ylno hcihw ,cigam nohtyPI na si", seen in Chromium)."""
    path = tmp_path / "softmax.ipynb"
    path.write_bytes(notebook(SOLUTION, BIDI))
    page = render_html.render(grading.grade(path, seed=SEED))
    assert not set("\u202e\u2066\u200f\x1b") & set(page)
    assert f"<code>{SHOWN}</code> is an IPython magic, which only Jupyter runs." in page


def test_a_bidi_override_in_a_left_out_line_is_shown_once_escaped_in_the_terminal(run_cli,
                                                                                  tmp_path):
    (tmp_path / "softmax.ipynb").write_bytes(notebook(SOLUTION, BIDI))
    outcome = run_cli("check", "softmax.ipynb", "--seed", SEED)
    assert outcome.exit_code == 0
    assert f"`{SHOWN}`" in outcome.stdout
    assert not set("\u202e\u2066\u200f\x1b") & set(outcome.stdout)


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\x0c", "\x0b", "\x1c"])
def test_a_line_separator_python_does_not_count_cannot_change_the_line_shown(run_cli, tmp_path,
                                                                               separator):
    """Python ends a line only at a newline; the learner process split its source for the
    traceback at every Unicode line separator as well, and showed "three" as the line that
    raised."""
    source = f"import numpy as np\n# one{separator}two{separator}three\nx = 1\nundefined + 1\n"
    code, document = as_json(run_cli, tmp_path, notebook(source))
    assert code == 1
    assert "cell 1, line 4, at the top level: undefined + 1" in document["message"]


def test_a_left_out_line_of_controls_is_cut_to_what_the_result_schema_allows(run_cli, tmp_path):
    schema = json.loads((course.PACKAGE_DIR / "result.schema.json").read_text(encoding="utf-8"))
    code, document = as_json(run_cli, tmp_path, notebook(SOLUTION, "%who " + "\u202e" * 300))
    assert code == 0
    jsonschema.validate(document, schema)
    assert document["left_out"][0]["code"] == "%who " + "\\u202e" * 32 + "\\u…"


# -- what held ------------------------------------------------------------------------------


def test_only_code_cells_are_graded_whatever_the_rest_holds():
    raw = json.dumps({"nbformat": 4, "nbformat_minor": 5,
                      "metadata": {"code": "import os", "source": "import os"},
                      "cells": [{"cell_type": "markdown", "source": "import os"},
                                {"cell_type": "raw", "source": "import os"},
                                {"cell_type": "Code", "source": "import os"},
                                {"cell_type": "code", "source": "x = 1",
                                 "metadata": {"source": "import os"},
                                 "outputs": [{"output_type": "execute_result",
                                              "data": {"text/x-python": "import os"}}]}]})
    module = notebooks.read(raw.encode())
    assert module.text == "x = 1\n"
    assert module.cells.place(1) == "cell 4, line 1"


def test_a_duplicate_key_counts_as_jupyter_reads_it_the_last_one():
    raw = (b'{"nbformat": 4, "nbformat_minor": 5, "cells": [{"cell_type": "markdown", '
           b'"source": "x = 1", "cell_type": "code"}, {"cell_type": "code", "source": "y = 2", '
           b'"cell_type": "markdown"}]}')
    assert notebooks.read(raw).text == "x = 1\n"


@pytest.mark.parametrize(("raw", "expected"), [
    (b'{"nbformat": 4, "nbformat_minor": NaN, "cells": []}', "the grader reads formats 3 and 4"),
    (b'{"nbformat": Infinity, "cells": []}', "format 'inf'"),
    (b'{"nbformat": 4.0, "nbformat_minor": 5, "cells": []}', "format '4.0'"),
    (b'{"nbformat": 99, "cells": []}', "format '99'"),
    (b'{"nbformat": true, "cells": []}', "format 'True'"),
    (b'{"nbformat": ["' + b"x" * MIB + b'"], "cells": []}', "format \"['xxxxxxxxxxxxxxxxxx\""),
    (b'{"nbformat": 4, "nbformat_minor": 5, "cells": [{"cell_type": "code", "source": '
     b'["x = \'\\ud83d", "\\ude00\'"]}]}', "lone surrogate, \\ud83d"),
    ("\ufeff".encode("utf-16") + notebook("x = 1"), "it is not UTF-8 text (byte 0"),
    (b"\xef\xbb\xbf\xef\xbb\xbf" + notebook("x = 1"), "it is not valid JSON (line 1, column 1"),
    (b"{\"a\": " * 200_000, "nested too deeply"),
])
def test_json_that_no_notebook_holds_is_refused_with_a_short_message(raw, expected):
    with pytest.raises(notebooks.NotANotebook) as raised:
        notebooks.read(raw)
    assert expected in str(raised.value)
    assert len(str(raised.value)) < 400


_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.floats(), st.text(max_size=9))
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
    st.sampled_from(["cell_type", "source", "input", "cells"]), inner, max_size=3), max_leaves=9)
_CODE = st.lists(st.sampled_from([*"%!?#()\t\n\r\\'\"x=:,.\x00\x0c\u2028\ud800", " ",
                                  "# grader: skip", "%%time", "def f():", "    "]),
                 max_size=12).map("".join)
_CELL = st.fixed_dictionaries({"cell_type": st.sampled_from(["code", "markdown", "heading", 3]),
                               "source": st.one_of(_CODE, st.lists(_CODE, max_size=3), _VALUES),
                               "input": st.one_of(_CODE, _VALUES)})
_CELLS = st.one_of(st.lists(st.one_of(_CELL, _VALUES), max_size=4), _VALUES)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.fixed_dictionaries({
    "nbformat": st.sampled_from([3, 4, 4.0, "4", 5]),
    "nbformat_minor": st.sampled_from([0, 5, "x"]),
    "cells": _CELLS,
    "worksheets": st.one_of(st.lists(st.one_of(st.fixed_dictionaries({"cells": _CELLS}), _VALUES),
                                     max_size=2), _VALUES)}))
def test_whatever_a_notebook_holds_it_is_read_or_refused_with_a_message(data):
    raw = json.dumps(data).encode("utf-8", "surrogatepass")
    try:
        module = grading.prepare(raw, "softmax.ipynb")
    except grading.NotText as refused:
        assert str(refused)
    else:
        assert isinstance(module, notebooks.Module)
        grading.vet_module(module, "softmax.ipynb")
