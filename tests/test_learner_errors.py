"""Learner code that misbehaves is a grade with a message written for the learner, never a
grader crash: each kind of mistake goes through the real pipeline once (module-scoped), and the
assertions read what a learner would read."""

from __future__ import annotations

import re
import textwrap

import pytest
from conftest import all_messages

from grader.boundary.launch import Limits
from grader.core import grading
from grader.feedback import NOT_STARTED
from grader.results import Result, Status

SEED = 20261129

# Where the grader and its libraries live: none of it may leak into a learner's message.
GRADER_TRACES = ("grader/", "site-packages", "/usr/lib/python", "Traceback", 'File "',
                 "pytest", "_pytest", "boundary", "wire.py", "proxy")

SOURCES = {
    "syntax_error": """\
        import numpy as np

        def softmax(L):
            expL = np.exp(L)
            return expL / np.sum(expL
        """,
    "import_error": """\
        import numpy as np
        import tensorflow as tf

        def softmax(L):
            return np.exp(L) / np.sum(np.exp(L))
        """,
    "misspelt": """\
        import numpy as np

        def soft_max(L):
            return np.exp(L) / np.sum(np.exp(L))
        """,
    # One wrong kind of return value per visible input; the other inputs get the right answer.
    "wrong_types": """\
        import numpy as np

        def softmax(L):
            L = list(L)
            right = np.exp(L) / np.sum(np.exp(L))
            if L == [1, 2, 3]:
                return None
            if L == [1.0, 2.0, 3.0, 4.0, 1.0, 2.0, 3.0]:
                return str(right)
            if L == [-1.0, -2.5, 0.5]:
                return {"probabilities": list(right)}
            if L == [2.0, 2.0, 2.0, 2.0]:
                return float(np.sum(right))
            return right
        """,
    "stub": """\
        def softmax(L):
            raise NotImplementedError
        """,
    "raises": """\
        import numpy as np

        def lookup(table, key):
            return table[key]

        def softmax(L):
            expL = np.exp(L)
            return lookup({"<b>sum</b>": 1}, "<script>alert(1)</script>")
        """,
    # Hangs on the course's first example only: that test times out, the others still pass.
    "hangs": """\
        import numpy as np

        def softmax(L):
            while list(L) == [1, 2, 3]:
                pass
            return np.exp(L) / np.sum(np.exp(L))
        """,
    "always_hangs": """\
        def softmax(L):
            while True:
                pass
        """,
    "hangs_at_import": """\
        while True:
            pass

        def softmax(L):
            return L
        """,
    "input_at_import": """\
        import numpy as np

        name = input("What is your name? ")

        def softmax(L):
            return np.exp(L) / np.sum(np.exp(L))
        """,
    "float_underscore": """\
        import numpy as np

        def cross_entropy(Y, P):
            Y = np.float_(Y)
            P = np.float_(P)
            return -np.sum(Y * np.log(P) + (1 - Y) * np.log(1 - P))
        """,
}
SHORT = Limits(test_seconds=1.0, import_seconds=1.0, submission_seconds=20.0)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Grade each source once, on first use."""
    folder = tmp_path_factory.mktemp("learner-errors")
    results: dict[str, Result] = {}

    def get(name: str) -> Result:
        if name not in results:
            exercise = "cross_entropy" if name == "float_underscore" else "softmax"
            path = folder / f"{name}.py"
            path.write_text(textwrap.dedent(SOURCES[name]), encoding="utf-8")
            results[name] = grading.grade(path, exercise, seed=SEED, limits=SHORT)
        return results[name]

    return get


def _no_grader_traces(text: str) -> None:
    leaked = [trace for trace in GRADER_TRACES if trace in text]
    assert not leaked, f"the grader's own frames leaked into the message: {leaked}\n{text}"


def test_syntax_error_names_the_line_and_points_at_it(graded):
    result = graded("syntax_error")
    assert result.status is Status.ERROR
    assert result.score == 0
    message = result.message
    assert "SyntaxError on line 5 of syntax_error.py" in message
    lines = message.splitlines()
    code = next(line for line in lines if "return expL / np.sum(expL" in line)
    caret = lines[lines.index(code) + 1]
    assert caret.strip() == "^"
    assert code[caret.index("^")] == "(", "the caret must point at the bracket never closed"
    assert "could not read your file" in message
    assert all(test.status is Status.ERROR for test in result.tests)
    _no_grader_traces(all_messages(result))


def test_import_error_names_the_missing_module(graded):
    result = graded("import_error")
    assert result.status is Status.ERROR
    assert "No module named 'tensorflow'" in result.message
    assert "line 2, at the top level: import tensorflow as tf" in result.message
    assert "other packages are not available" in result.message
    _no_grader_traces(result.message)


def test_misspelt_function_names_the_one_to_define(graded):
    result = graded("misspelt")
    assert result.status is Status.FAILED
    assert result.score == 0
    for test in result.tests:
        assert "does not define `softmax`" in test.message
        assert "It defines `soft_max`: rename it to `softmax`" in test.message


def test_wrong_return_types_each_get_a_message_that_names_them(graded):
    by_id = {test.id: test for test in graded("wrong_types").tests}
    assert "returned None. Did you forget the `return` statement?" in \
        by_id["test_small_list"].message
    assert "returned a str; it should return numbers" in by_id["test_seed_example"].message
    assert "returned a dict; it should return numbers" in by_id["test_negative_scores"].message
    scalar = by_id["test_equal_scores"].message
    assert "returned one number; it should return 4 numbers" in scalar
    assert "return every value" in scalar
    assert by_id["test_single_score"].status is Status.PASSED
    for name in ("test_small_list", "test_seed_example", "test_negative_scores",
                 "test_equal_scores"):
        assert by_id[name].status is Status.FAILED
        assert by_id[name].score == 0


def test_not_implemented_error_is_not_started_yet(graded):
    result = graded("stub")
    assert result.status is Status.FAILED
    assert result.score == 0
    assert result.message.startswith(NOT_STARTED)
    assert "Not started yet" in result.message
    assert all(test.status is not Status.PASSED for test in result.tests)
    assert "NotImplementedError" in result.message
    _no_grader_traces(all_messages(result))


def test_exception_in_the_function_shows_only_the_learners_frames(graded):
    result = graded("raises")
    first = result.tests[0]
    assert first.status is Status.ERROR
    message = first.message
    assert "raised KeyError: '<script>alert(1)</script>'" in message
    frames = [line.strip() for line in message.splitlines() if line.strip().startswith("line ")]
    assert frames == [
        'line 8, in softmax: return lookup({"<b>sum</b>": 1}, "<script>alert(1)</script>")',
        "line 4, in lookup: return table[key]",
    ]
    _no_grader_traces(all_messages(result))


def test_a_hang_is_a_timeout_named_as_such_and_the_rest_still_runs(graded):
    result = graded("hangs")
    by_id = {test.id: test for test in result.tests}
    hung = by_id["test_small_list"]
    assert hung.status is Status.TIMEOUT
    assert re.search(r"took longer than 1 s and was stopped", hung.message), hung.message
    assert "loop that never ends" in hung.message
    others = [t for t in result.tests if t.id != "test_small_list" and not t.optional]
    assert others and all(t.status is Status.PASSED for t in others), \
        "the learner process must be replaced after a timeout"
    assert result.status is Status.FAILED
    assert result.score == result.max_score - hung.max_score


def test_a_function_that_hung_once_gets_a_short_limit_on_later_tests(tmp_path):
    path = tmp_path / "softmax.py"
    path.write_text(textwrap.dedent(SOURCES["always_hangs"]), encoding="utf-8")
    limits = Limits(test_seconds=3.0, import_seconds=2.0, submission_seconds=40.0)
    result = grading.grade(path, "softmax", seed=SEED, limits=limits)
    first, *later = result.tests
    assert first.status is Status.TIMEOUT
    assert "took longer than 3 s and was stopped" in first.message
    assert later and all(test.status is Status.TIMEOUT for test in later)
    assert all("stopped after 1 s: it already ran past the time limit in an earlier test"
               in test.message for test in later), [test.message for test in later]
    assert result.score == 0


def test_a_hang_at_import_is_an_error_that_says_so(graded):
    result = graded("hangs_at_import")
    assert result.status is Status.ERROR
    assert result.score == 0
    assert "1 s" in result.message
    assert re.search(r"import|top level", result.message)
    _no_grader_traces(result.message)


def test_input_at_import_says_that_stdin_is_closed(graded):
    result = graded("input_at_import")
    assert result.status is Status.ERROR
    assert "input()" in result.message
    assert "stdin is closed" in result.message
    assert "line 3, at the top level" in result.message
    _no_grader_traces(result.message)


def test_the_courses_np_float_answer_gets_the_float64_hint_not_a_traceback(graded):
    result = graded("float_underscore")
    assert result.score == 0
    for test in result.tests:
        assert test.status is Status.ERROR
        assert "np.float_ was removed in NumPy 2: use np.float64" in test.message
        assert "line 4, in cross_entropy: Y = np.float_(Y)" in test.message
    _no_grader_traces(all_messages(result))


def test_a_missing_file_problem_is_a_graded_error_not_a_crash(tmp_path):
    empty = tmp_path / "softmax.py"
    empty.write_text("   \n")
    result = grading.grade(empty, seed=SEED)
    assert result.status is Status.ERROR
    assert "The file is empty" in result.message


def test_only_what_the_learners_code_printed_counts_as_its_output(tmp_path):
    """The seed's softmax overflows on the grader's own [1000, 1001]: NumPy's warnings about
    that are the grader's doing, not output of the learner's; what the learner's code prints,
    and a warning its own top-level code provokes, are."""
    quiet = tmp_path / "quiet" / "softmax.py"
    quiet.parent.mkdir()
    quiet.write_text("import numpy as np\n\ndef softmax(L):\n    expL = np.exp(L)\n"
                     "    return expL / np.sum(expL)\n")
    result = grading.grade(quiet, seed=SEED)
    assert result.full_marks and result.output == ""
    challenge = next(test for test in result.tests if test.optional)
    assert challenge.status is Status.FAILED, "the premise: the overflow happened"

    noisy = tmp_path / "noisy" / "softmax.py"
    noisy.parent.mkdir()
    noisy.write_text("import numpy as np\n\nnp.exp(1000.0)\n\ndef softmax(L):\n"
                     "    print('working')\n    expL = np.exp(L)\n"
                     "    return expL / np.sum(expL)\n")
    result = grading.grade(noisy, seed=SEED)
    assert "overflow encountered in exp" in result.output.splitlines()[0]
    assert result.output.count("working") >= len(result.tests) - 1
    assert result.output.count("overflow encountered") == 1
