"""A notebook turned into the learner's module: IPython's syntax is left out where IPython reads it
(the start of a logical line) and nowhere else, every other line keeps its place, and each line
of the module maps back to its cell and its line in the cell."""

from __future__ import annotations

import json

import nbformat
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from nbformat import v4

from grader.core import notebooks
from grader.notebook import compiles
from grader.results import LeftOut


def notebook_bytes(*cells: str | tuple[str, str]) -> bytes:
    """A notebook saved by nbformat: code cells, or ("markdown", text) pairs."""
    made = [v4.new_markdown_cell(cell[1]) if isinstance(cell, tuple) else v4.new_code_cell(cell)
            for cell in cells]
    return nbformat.writes(v4.new_notebook(cells=made)).encode("utf-8")


def module_of(*cells) -> notebooks.Module:
    return notebooks.read(notebook_bytes(*cells))


def test_code_cells_in_order_make_the_module_and_markdown_is_counted_but_not_kept():
    module = module_of(("markdown", "# Softmax"), "import numpy as np",
                       ("markdown", "Now the function:"), "def f(x):\n    return x\n")
    assert module.text == "import numpy as np\ndef f(x):\n    return x\n"
    assert module.left_out == ()
    assert module.cells.place(1) == "cell 2, line 1"
    assert module.cells.place(3) == "cell 4, line 2"


def test_magics_shell_commands_and_help_are_left_out_with_their_place_and_reason():
    module = module_of("%matplotlib inline\nimport numpy as np\n!pip install numpy\nnp.exp?",
                       "files = !ls\nt = %timeit -o 1 + 1\n??np.sum\nx = 1")
    assert module.text == "pass\nimport numpy as np\npass\npass\npass\npass\npass\nx = 1\n"
    assert [(item.cell, item.line, item.reason, item.code) for item in module.left_out] == [
        (1, 1, "magic", "%matplotlib inline"), (1, 3, "shell", "!pip install numpy"),
        (1, 4, "help", "np.exp?"), (2, 1, "shell", "files = !ls"),
        (2, 2, "magic", "t = %timeit -o 1 + 1"), (2, 3, "help", "??np.sum")]
    assert module.cells.place(8) == "cell 2, line 4"


def test_a_magic_inside_a_block_becomes_pass_so_the_block_still_has_a_body():
    module = module_of("for i in range(3):\n    %time i * 2\nprint('done')")
    assert module.text == "for i in range(3):\n    pass\nprint('done')\n"
    compile(module.text, "m", "exec")


def test_percent_and_bang_that_continue_python_are_kept():
    source = ('print("%d items"\n      % 3)\n'
              'text = """\n%not a magic\n!nor a command\n"""\n'
              'total = 1 + \\\n    2\n'
              'ok = (1\n      != 2)\n')
    module = module_of(source)
    assert module.text == source
    assert module.left_out == ()


def test_a_shell_command_continued_with_backslashes_is_left_out_whole():
    module = module_of("!pip install \\\n    numpy \\\n    pandas\nx = 1")
    assert module.text == "pass\n\n\nx = 1\n"
    assert module.left_out == (LeftOut(1, 1, 3, "!pip install \\", "shell"),)


@pytest.mark.parametrize("first", ["# grader: skip", "#grader:skip", "  # Grader: Skip  "])
def test_a_cell_that_starts_with_grader_skip_is_left_out_whole(first):
    module = module_of("x = 1", f"\n{first}\nimport matplotlib.pyplot as plt\nplt.plot([1])",
                       "y = 2")
    assert module.text == "x = 1\ny = 2\n"
    assert module.left_out == (LeftOut(2, 2, 3, first.strip(), "skip"),)
    assert module.cells.place(2) == "cell 3, line 1"


def test_grader_skip_further_down_a_cell_is_only_a_comment():
    module = module_of("x = 1\n# grader: skip\ny = 2")
    assert module.text == "x = 1\n# grader: skip\ny = 2\n"


def test_a_cell_magic_leaves_its_whole_cell_out():
    module = module_of("%%timeit\nsum(range(10))", "%%writefile helper.py\ndef f():\n    pass")
    assert module.text == ""
    assert [(item.cell, item.lines, item.reason, item.code) for item in module.left_out] == [
        (1, 2, "cell magic", "%%timeit"), (2, 3, "cell magic", "%%writefile helper.py")]


def test_an_indented_cell_is_dedented_as_ipython_does():
    module = module_of("    def f(x):\n        return x\n    y = f(2)")
    assert module.text == "def f(x):\n    return x\ny = f(2)\n"


def test_windows_line_ends_and_a_list_source_are_read_as_jupyter_saves_them():
    saved = json.loads(notebook_bytes("x = 1"))
    saved["cells"][0]["source"] = ["import numpy as np\r\n", "x = np.zeros(2)\r\n", "%who"]
    module = notebooks.read(json.dumps(saved).encode())
    assert module.text == "import numpy as np\nx = np.zeros(2)\npass\n"


def test_a_syntax_error_in_a_cell_stops_nothing_here_and_magics_after_it_are_still_found():
    module = module_of("def f(:\n    pass\n%matplotlib inline\nx = 1")
    assert module.text == "def f(:\n    pass\npass\nx = 1\n"


def test_a_version_3_notebook_is_upgraded_and_read():
    old = {"nbformat": 3, "nbformat_minor": 0, "metadata": {}, "worksheets": [{"cells": [
        {"cell_type": "heading", "level": 1, "source": "Softmax", "metadata": {}},
        {"cell_type": "code", "input": ["import numpy as np\n", "x = 1"], "language": "python",
         "outputs": [], "metadata": {}}]}]}
    module = notebooks.read(json.dumps(old).encode())
    assert module.text == "import numpy as np\nx = 1\n"
    assert module.cells.place(2) == "cell 2, line 2"


@pytest.mark.parametrize(("raw", "expected"), [
    (b"def softmax(L):\n    return L\n", "it is not valid JSON (line 1, column 1"),
    (b'{"cells": [', "it is not valid JSON (line 1, column 12"),
    (b'{"cells": []}', "not a Jupyter notebook (it has no \"nbformat\" version)"),
    (b"[1, 2]", "not a Jupyter notebook"),
    (b'{"nbformat": 5, "cells": []}', "the grader reads formats 3 and 4"),
    (b'{"nbformat": "4", "cells": []}', "the grader reads formats 3 and 4"),
    (b'{"nbformat": 4, "nbformat_minor": 5, "cells": 3}', "it has no list of cells"),
    (b'{"nbformat": 4, "nbformat_minor": 5, "cells": [{"cell_type": "code", "source": 7}]}',
     "Cell 1 of the notebook is not a cell as Jupyter saves one"),
    (b'{"nbformat": 4, "nbformat_minor": 5, "cells": ["x = 1"]}',
     "Cell 1 of the notebook is not a cell as Jupyter saves one"),
    (b'{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": []}',
     "has no code cells"),
    (b"\xff\xfe{}", "it is not UTF-8 text (byte 0 cannot be read)"),
    (b"[" * 100_000, "nested too deeply"),
])
def test_what_is_not_a_notebook_says_so(raw, expected):
    with pytest.raises(notebooks.NotANotebook) as raised:
        notebooks.read(raw)
    assert expected in str(raised.value)


def test_a_notebook_over_the_cap_is_refused_before_it_is_parsed():
    with pytest.raises(notebooks.NotANotebook, match="larger than 16 MiB"):
        notebooks.read(b" " * (notebooks.MAX_NOTEBOOK_BYTES + 1))


def test_a_notebook_of_too_many_json_values_is_refused_before_it_is_parsed():
    raw = b"[" + b"[]," * notebooks.MAX_JSON_PARTS + b"[]]"
    assert len(raw) < notebooks.MAX_NOTEBOOK_BYTES
    with pytest.raises(notebooks.NotANotebook, match="holds more than 1,000,000 values"):
        notebooks.read(raw)


def test_a_utf8_bom_is_accepted():
    module = notebooks.read(b"\xef\xbb\xbf" + notebook_bytes("x = 1"))
    assert module.text == "x = 1\n"


def test_many_left_out_lines_are_listed_up_to_a_cap_and_counted_after_it():
    module = module_of("\n".join(f"%magic{n}" for n in range(120)))
    assert len(module.left_out) == notebooks.MAX_LEFT_OUT
    assert module.left_out[-1] == LeftOut(1, 50, 71, "", "more")
    assert sum(item.lines for item in module.left_out) == 120


def test_a_long_left_out_line_is_cut():
    module = module_of("!echo " + "x" * 1000)
    assert len(module.left_out[0].code) == notebooks.MAX_CODE


# -- a kernel's inputs ---------------------------------------------------------------------


def test_a_kernels_inputs_run_in_the_order_they_ran_and_are_placed_as_in_n():
    module = notebooks.from_inputs([(1, "import numpy as np"), (2, "def f():\n    return 1"),
                                    (3, "def f():\n    return 2")], compiles)
    assert module.text == "import numpy as np\ndef f():\n    return 1\ndef f():\n    return 2\n"
    assert module.cells.place(4) == "In [3], line 1"


def test_an_input_that_did_not_compile_ran_nothing_so_it_is_left_out():
    module = notebooks.from_inputs([(1, "x = 1"), (2, "def f(:\n    return 1"), (3, "y = 2"),
                                    (4, "return 5")], compiles)
    assert module.text == "x = 1\ny = 2\n"
    assert [(item.cell, item.reason, item.code) for item in module.left_out] == [
        (2, "syntax error", "def f(:"), (4, "syntax error", "return 5")]


def test_a_kernel_input_with_a_magic_still_compiles_once_the_magic_is_left_out():
    module = notebooks.from_inputs([(1, "%precision 3\nx = 1")], compiles)
    assert module.text == "pass\nx = 1\n"
    assert module.left_out == (LeftOut(1, 1, 1, "%precision 3", "magic"),)


def test_a_kernel_input_holding_half_a_character_is_refused_with_its_number():
    with pytest.raises(notebooks.NotANotebook, match=r"In \[2\] holds half of a character"):
        notebooks.from_inputs([(1, "x = 1"), (2, "s = '\ud83d'")], compiles)


def test_a_kernel_input_holding_nul_did_not_compile_so_it_is_left_out():
    module = notebooks.from_inputs([(1, "x = 1"), (2, "y = 2\x00")], compiles)
    assert module.text == "x = 1\n"
    assert [(item.cell, item.reason) for item in module.left_out] == [(2, "syntax error")]


# -- the map back, on any notebook of plain Python cells -------------------------------------

_LINES = st.sampled_from(["x = 1", "", "def f(a):", "    return a % 2", "print('%d' % 3)",
                          "# a comment", "y = (1,", "     2)", "s = '!'"])


@settings(max_examples=60, deadline=None, database=None)
@given(st.lists(st.one_of(st.lists(_LINES, min_size=1, max_size=6).map("\n".join),
                          st.just(("markdown", "text"))), min_size=1, max_size=6))
def test_every_line_of_the_module_maps_back_to_the_same_text_in_its_cell(cells):
    assume(any(isinstance(cell, str) for cell in cells))
    module = module_of(*cells)
    module_lines = module.text.split("\n")
    for number, line in enumerate(module_lines[:-1], start=1):
        cell, within = module.cells.find(number)
        source = cells[cell - 1]
        assert isinstance(source, str)
        assert source.split("\n")[within - 1].strip() == line.strip()
