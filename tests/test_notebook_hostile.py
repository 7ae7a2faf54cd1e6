"""Notebooks made to hurt the grader rather than to be graded. Whatever arrives, reading it stays
within its caps (memory here, measured with tracemalloc: the parse runs in the process that holds
the verdicts), and what cannot be graded is a graded error that says why, in English and Chinese,
never a traceback. What a notebook holds outside its code cells is never graded."""

from __future__ import annotations

import json
import sys
import tracemalloc

import pytest

from grader import i18n
from grader.core import grading, notebooks
from grader.course import paths as course

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
