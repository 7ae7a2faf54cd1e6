"""The terminal verdict, rendered straight from results: one line per test with its mark and
points, the message and hint under each failure, the total, the report's path; colour only when
asked for, and nothing a learner's message contains can drive the terminal."""

from __future__ import annotations

import re

import pytest

from grader.render import text as render_text
from grader.results import Details, Result, Status, TestResult, Visibility
from grader.study import watch

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _test(id: str, status: Status, score: float, max_score: float, **fields) -> TestResult:
    fields.setdefault("name", id.replace("_", " "))
    fields.setdefault("visibility", Visibility.VISIBLE)
    return TestResult(id=id, status=status, score=score, max_score=max_score, **fields)


FAILED_RESULT = Result(
    exercise="softmax", title="Softmax", submission="softmax.py", status=Status.FAILED,
    score=3.0, max_score=6.0,
    tests=(
        _test("first_example", Status.PASSED, 2.0, 2.0),
        _test("squares", Status.FAILED, 0.0, 1.0,
              message="softmax([1, 2]): 2 of 2 values differ.\nLikely cause: exp is not squaring",
              hint="Use np.exp.", hint_number=3,
              details=Details("softmax([1, 2])", "[0.27, 0.73]", "[0.2, 0.8]", None)),
        _test("random_arrays", Status.TIMEOUT, 0.0, 2.0, visibility=Visibility.HIDDEN,
              message="softmax of 5 random scores took longer than 5 s and was stopped.",
              hint="Loop over L once.", hint_number=2),
        _test("single", Status.PASSED, 1.0, 1.0),
        _test("large_scores_challenge", Status.FAILED, 0.0, 0.0, optional=True,
              message="contains nan or inf.", hint="Subtract the max.", hint_number=2),
    ),
    output="debug 1\ndebug 2\n", seed=7, grader_version="0.1.0",
    graded_at="2026-11-29T02:00:00+00:00")


@pytest.fixture(scope="module")
def plain() -> str:
    return render_text.render(FAILED_RESULT, color=False, report_path="out/report.html",
                              next_step="Next: grader check cross_entropy.py")


@pytest.fixture(scope="module")
def coloured() -> str:
    return render_text.render(FAILED_RESULT, color=True, report_path="out/report.html")


def test_plain_render_has_no_escape_codes(plain):
    assert "\x1b" not in plain


def test_coloured_render_paints_marks_and_verdict(coloured):
    assert "\x1b[32m✓\x1b[0m" in coloured
    assert "\x1b[31m✗\x1b[0m" in coloured
    assert "\x1b[33m⧗\x1b[0m" in coloured
    assert "\x1b[1mScore: 3/6\x1b[0m — \x1b[33mnot yet\x1b[0m" in coloured


def test_colour_changes_nothing_but_the_escape_codes(plain, coloured):
    without_next_step = plain.rsplit("\n", 1)[0]
    assert ANSI.sub("", coloured) == without_next_step


def test_one_line_per_test_with_mark_name_and_points(plain):
    lines = plain.splitlines()
    assert lines[0] == "Softmax (softmax) — softmax.py"
    expected = [("✓", "first example", "2/2"), ("✗", "squares", "0/1"),
                ("⧗", "random arrays (hidden)", "0/2"), ("✓", "single", "1/1"),
                ("○", "large scores challenge", "optional")]
    test_lines = [line for line in lines if re.match(r"  [✓✗⧗○!-] ", line)]
    assert len(test_lines) == len(expected)
    for line, (mark, name, score) in zip(test_lines, expected, strict=True):
        assert re.fullmatch(rf"  {mark} {re.escape(name)} +{score}", line), line
        assert len(line) == render_text.WIDTH


def test_failures_show_message_and_hint_and_passes_show_neither(plain):
    block = plain.split("✗ squares")[1].split("⧗")[0]
    assert "      softmax([1, 2]): 2 of 2 values differ." in block
    assert "      Likely cause: exp is not squaring" in block
    assert "      Hint 3: Use np.exp." in block
    passed_block = plain.split("✓ first example")[1].split("✗ squares")[0]
    assert passed_block.strip() == "2/2"


def test_total_output_count_report_and_next_step(plain):
    tail = plain.splitlines()[-5:]
    assert tail == ["", "Score: 3/6 — not yet",
                    "Your code printed 2 lines (shown in the report).",
                    "Report: out/report.html", "Next: grader check cross_entropy.py"]


def test_long_names_are_cut_to_the_width():
    long = _test("x", Status.PASSED, 1.0, 1.0, name="a very long test name " * 6)
    result = Result(exercise="softmax", title="Softmax", submission="s.py",
                    status=Status.PASSED, score=1.0, max_score=1.0, tests=(long,))
    line = render_text.render(result, color=False).splitlines()[1]
    assert line.endswith("… 1/1")
    assert len(line) == render_text.WIDTH


def test_the_same_problem_is_said_once():
    message = "Your file does not define `softmax`. It defines `soft_max`."
    tests = tuple(_test(f"t{i}", Status.ERROR, 0.0, 1.0, message=message, hint=f"hint {i}",
                        hint_number=1) for i in range(3))
    result = Result(exercise="softmax", title="Softmax", submission="s.py",
                    status=Status.FAILED, score=0.0, max_score=3.0, tests=tests)
    text = render_text.render(result, color=False)
    assert text.count(message) == 1
    assert text.count("Same problem as above.") == 2
    assert "hint 1" not in text and "hint 2" not in text


def test_an_error_result_says_why_once_and_lists_no_test_lines():
    tests = tuple(_test(f"t{i}", Status.ERROR, 0.0, 1.0, message="SyntaxError ...")
                  for i in range(4))
    result = Result(exercise="softmax", title="Softmax", submission="s.py",
                    status=Status.ERROR, score=0.0, max_score=4.0, tests=tests,
                    message="SyntaxError on line 2 of s.py: invalid syntax\n    x = (\n        ^")
    lines = render_text.render(result, color=False).splitlines()
    assert lines[1:6] == ["Your file could not be graded:",
                          "  SyntaxError on line 2 of s.py: invalid syntax",
                          "      x = (", "          ^", "  4 tests could not run."]
    assert lines[-1] == "Score: 0/4 — could not be graded"


def test_not_started_lists_the_tests_and_the_first_hint():
    tests = (_test("a", Status.FAILED, 0.0, 1.0, message="Not started yet: a", hint="First.",
                   hint_number=1),
             _test("b", Status.FAILED, 0.0, 1.0, message="Not started yet: b", hint="Second.",
                   hint_number=2))
    result = Result(exercise="softmax", title="Softmax", submission="s.py",
                    status=Status.FAILED, score=0.0, max_score=2.0, tests=tests,
                    message="Not started yet: open s.py.")
    lines = render_text.render(result, color=False).splitlines()
    assert lines[1:5] == ["  Not started yet: open s.py.", "  - a", "  - b", "  Hint 1: First."]


def test_a_learners_control_characters_cannot_drive_the_terminal():
    sneaky = "\x1b[2J\x1b[32mPASSED\x1b[0m\rScore:10/10"
    test = _test("t", Status.ERROR, 0.0, 1.0, message=f"softmax raised ValueError: {sneaky}")
    result = Result(exercise="softmax", title="Softmax", submission="\x1b[31mevil.py",
                    status=Status.FAILED, score=0.0, max_score=1.0, tests=(test,))
    for color in (False, True):
        text = render_text.render(result, color=color)
        learner_parts = ANSI.sub("", text) if color else text
        assert "\x1b[2J" not in text and "\r" not in text
        assert "\\x1b[2J\\x1b[32mPASSED\\x1b[0m\\x0dScore:10/10" in learner_parts
        assert "\\x1b[31mevil.py" in learner_parts
    assert "\x1b" not in render_text.render(result, color=False)


def test_nor_can_they_drive_the_watch_screen():
    sneaky = "\x1b[2J\x1b[32mPASSED\x1b[0m\rScore:10/10"
    test = _test("t", Status.ERROR, 0.0, 1.0, message=f"softmax raised ValueError: {sneaky}")
    for message in (None, sneaky):
        result = Result(exercise="softmax", title="Softmax", submission="\x1b[31mevil.py",
                        status=Status.FAILED, score=0.0, max_score=1.0, tests=(test,),
                        message=message)
        text = watch.short_verdict(result, color=False)
        assert "\x1b" not in text and "\r" not in text
        assert "\\x1b[2J\\x1b[32mPASSED\\x1b[0m\\x0dScore:10/10" in text
        assert "\\x1b[31mevil.py" in text


@pytest.mark.parametrize(("count", "line"), [
    (1, "Your code printed 1 line (shown in the report)."),
    (3, "Your code printed 3 lines (shown in the report)."),
])
def test_output_is_counted_not_printed(count, line):
    output = "".join(f"secret {i}\n" for i in range(count))
    result = Result(exercise="softmax", title="Softmax", submission="s.py",
                    status=Status.PASSED, score=1.0, max_score=1.0, output=output,
                    tests=(_test("t", Status.PASSED, 1.0, 1.0),))
    text = render_text.render(result, color=False)
    assert line in text.splitlines()
    assert "secret" not in text


def test_the_same_error_with_another_input_is_said_once():
    error = ("AttributeError: `np.float_` was removed.\n"
             "  line 4, in cross_entropy: Y = np.float_(Y)")
    tests = tuple(_test(f"t{i}", Status.ERROR, 0.0, 1.0, hint=f"hint {i}", hint_number=1,
                        message=f"cross_entropy([{i}], [0.5]) raised {error}")
                  for i in range(3))
    result = Result(exercise="cross_entropy", title="Cross entropy", submission="c.py",
                    status=Status.FAILED, score=0.0, max_score=3.0, tests=tests)
    text = render_text.render(result, color=False)
    assert text.count("line 4, in cross_entropy") == 1
    assert "      cross_entropy([1], [0.5]) raised the same error as above." in text
    assert "      cross_entropy([2], [0.5]) raised the same error as above." in text
    assert "hint 0" in text and "hint 1" not in text


def test_a_loop_that_never_ends_is_explained_once():
    tail = "took longer than 5 s and was stopped. Look for a loop that never ends."
    tests = tuple(_test(f"t{i}", Status.TIMEOUT, 0.0, 1.0, message=f"softmax([{i}]) {tail}")
                  for i in range(3))
    result = Result(exercise="softmax", title="Softmax", submission="s.py",
                    status=Status.FAILED, score=0.0, max_score=3.0, tests=tests)
    text = render_text.render(result, color=False)
    assert text.count("Look for") == 1
    assert "      softmax([2]) also took too long and was stopped, as above." in text


def _mismatch(id: str, cause: str | None, hint_number: int, **fields) -> TestResult:
    message = f"{id}: 2 of 2 values differ from the expected ones."
    if cause:
        message += f"\nLikely cause: {cause}"
    return _test(id, Status.FAILED, 0.0, 1.0, message=message, hint=f"Hint text {hint_number}.",
                 hint_number=hint_number, **fields)


CAUSES = Result(
    exercise="softmax", title="Softmax", submission="s.py", status=Status.FAILED, score=1.0,
    max_score=6.0,
    tests=(_mismatch("a", "exp is not squaring.", 1), _test("ok", Status.PASSED, 1.0, 1.0),
           _mismatch("b", "exp is not squaring.", 2),
           _mismatch("c", "you divided by len(L).", 1),
           _mismatch("d", "exp is not squaring.", 1, visibility=Visibility.HIDDEN),
           _mismatch("e", None, 3)))


def _block(text: str, name: str) -> str:
    """The lines under test `name`, up to the next test's line."""
    return re.split(r"\n  [✓✗⧗○!-] ", text.split(f"✗ {name} ")[1])[0]


def test_each_likely_cause_is_said_once_then_pointed_at():
    text = render_text.render(CAUSES, color=False)
    assert text.count("exp is not squaring.") == 1
    assert "Likely cause: exp is not squaring." in _block(text, "a")
    for later in ("b", "d (hidden)"):
        block = _block(text, later)
        assert "Same likely cause as above." in block and "squaring" not in block
    assert "Likely cause: you divided by len(L)." in _block(text, "c")
    assert "cause" not in _block(text, "e")


def test_each_hint_is_said_once_then_named():
    text = render_text.render(CAUSES, color=False)
    assert text.count("Hint text 1.") == 1 and "Hint 1: Hint text 1." in _block(text, "a")
    assert "Hint 1, as above." in _block(text, "c")
    assert "Hint 2: Hint text 2." in _block(text, "b")


@pytest.mark.parametrize("result", [CAUSES, FAILED_RESULT], ids=["causes", "failed"])
def test_the_hints_counted_as_seen_are_the_hints_the_verdict_names(result):
    text = render_text.render(result, color=False)
    named = {int(n) for n in re.findall(r"^ +Hint (\d+)[:,]", text, re.M)}
    assert named and render_text.hints_shown(result) == named


def test_a_verdict_that_stopped_counts_its_one_hint_and_an_error_none():
    stopped = Result(exercise="softmax", title="Softmax", submission="s.py",
                     status=Status.FAILED, score=0.0, max_score=2.0,
                     message="Not started yet: open s.py.",
                     tests=(_test("a", Status.FAILED, 0.0, 1.0, message="Not started yet: a",
                                  hint="Second.", hint_number=2),
                            _test("b", Status.FAILED, 0.0, 1.0, message="Not started yet: b",
                                  hint="First.", hint_number=1)))
    assert render_text.hints_shown(stopped) == {2}
    assert "Hint 2: Second." in render_text.render(stopped, color=False)
    error = Result(exercise="softmax", title="Softmax", submission="s.py", status=Status.ERROR,
                   score=0.0, max_score=1.0, message="SyntaxError on line 1 of s.py",
                   tests=(_test("a", Status.ERROR, 0.0, 1.0, message="SyntaxError",
                                hint="First.", hint_number=1),))
    assert render_text.hints_shown(error) == frozenset()
    assert "Hint" not in render_text.render(error, color=False)
    assert "  1 test could not run." in render_text.render(error, color=False).splitlines()


def test_the_watch_shows_a_mistake_before_an_example_that_waits_for_its_twin():
    """OR's weights for AND: AND(0, 0) is right but waits for its twin; AND(0, 1) is the
    mistake to fix, and the watch's one message must be about it."""
    waiting = _test("row_00", Status.FAILED, 0.0, 1.0, gated=True, twin="every input",
                    message="Your answer matches this example, but not the same computation...",
                    hint="Hint for the twin.", hint_number=2)
    wrong = _test("row_01", Status.FAILED, 0.0, 1.0, twin="every input",
                  message="For the input (0, 1) your perceptron outputs 1, but AND gives 0.",
                  hint="The output is 1 when the sum is >= 0.", hint_number=1)
    result = Result(exercise="and_perceptron", title="AND perceptron",
                    submission="and_perceptron.py", status=Status.FAILED, score=0.0,
                    max_score=2.0, tests=(waiting, wrong))
    text = watch.short_verdict(result, color=False)
    assert "For the input (0, 1)" in text and "matches this example" not in text
    assert "The output is 1 when the sum is >= 0." in text
