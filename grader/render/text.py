"""The terminal verdict: one line per test, the message under each failure, then the total."""

from __future__ import annotations

import os
import re
import textwrap
from dataclasses import replace
from pathlib import Path

from grader.results import Result, Status, TestResult

_MARKS = {
    Status.PASSED: ("✓", "green"),
    Status.FAILED: ("✗", "red"),
    Status.ERROR: ("!", "red"),
    Status.TIMEOUT: ("⧗", "yellow"),
    Status.SKIPPED: ("-", "bright_black"),
}
_VERDICTS = {Status.PASSED: ("full marks", "green"), Status.FAILED: ("not yet", "yellow"),
             Status.ERROR: ("could not be graded", "red")}
_ANSI = {"green": "32", "red": "31", "yellow": "33", "bright_black": "90", "bold": "1"}
WIDTH = 78
# Control characters other than newline and tab: a learner's exception message or file name must
# not move the cursor, clear the screen or fake colours in the terminal that reads the verdict.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# For a name or a path on one line: newlines and tabs too (an embedded newline would print a
# fake line), and the bidirectional controls that reorder what follows them (Trojan Source).
_LINE_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e"
                           "\u2066-\u2069]")


def shown_path(path: Path, cwd: Path) -> str:
    """`path` as the user would type it from `cwd`: relative below it, as given otherwise."""
    relative = os.path.relpath(path, cwd)
    return relative if not relative.startswith("..") else str(path)


def paint(text: str, style: str, color: bool) -> str:
    return f"\x1b[{_ANSI[style]}m{text}\x1b[0m" if color else text


def points(value: float) -> str:
    return f"{value:g}"


def printable(text: str | None) -> str | None:
    """`text` with control characters shown as escapes (\\x1b), so that it prints as written."""
    if text is None:
        return None
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def printable_line(text: str) -> str:
    """`text` as one line that prints as written: every control character, newlines and
    bidirectional overrides included, shown as an escape (\\x0a, \\u202e)."""
    return _LINE_CONTROL.sub(lambda match: _escape(match.group()), text)


def _escape(character: str) -> str:
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable_result(result: Result) -> Result:
    """The result with every text a learner's code or file name controls made printable."""
    tests = tuple(replace(test, name=printable(test.name), message=printable(test.message))
                  for test in result.tests)
    return replace(result, submission=printable(result.submission),
                   message=printable(result.message), tests=tests)


def render(result: Result, *, color: bool, report_path: str | None = None,
           next_step: str | None = None) -> str:
    result = printable_result(result)
    lines = [paint(f"{result.title} ({result.exercise}) — {result.submission}", "bold", color)]
    if result.status is Status.ERROR and result.message:
        lines.append(paint("Your file could not be graded:", "red", color))
        lines += indented(result.message, "  ")
        if result.tests:
            lines.append(f"  {len(result.tests)} tests could not run.")
    elif result.message:
        lines += indented(result.message, "  ")
        lines += [f"  {paint('-', 'bright_black', color)} {test.name}" for test in result.tests]
        first_hint = next((test for test in result.tests if test.hint), None)
        if first_hint:
            lines += indented(f"Hint {first_hint.hint_number}: {first_hint.hint}", "  ",
                             "bright_black", color)
    else:
        for test, repeat in with_repeats(result.tests):
            lines += _test_lines(test, color, repeat)
    total = f"Score: {points(result.score)}/{points(result.max_score)}"
    lines.append("")
    lines.append(paint(total, "bold", color) + " — " + verdict(result, color))
    if result.output.strip():
        count = len(result.output.splitlines())
        lines.append(f"Your code printed {count} line{'s' * (count != 1)} (shown in the report).")
    if report_path:
        lines.append(f"Report: {report_path}")
    if next_step:
        lines.append(next_step)
    return "\n".join(lines)


def verdict(result: Result, color: bool) -> str:
    """The result in a word or three, coloured as the terminal shows it everywhere."""
    return paint(*_VERDICTS[result.status], color)


# A failure message that starts with the call it came from, and what to say instead when the
# failure before it said the same of another call.
_REPEATABLE = ((" raised ", "raised the same error as above."),
               (" took longer than ", "also took too long and was stopped, as above."))


def with_repeats(tests: tuple[TestResult, ...]) -> list[tuple[TestResult, str | None]]:
    """Each test with the line that replaces its message when it repeats the failure before it,
    so that a problem every test meets alike (a missing function, np.float_, an endless loop)
    is explained once: "Same problem as above.", or "softmax([2]) raised the same error as
    above." when only the input differs. None when the message is new: print it in full."""
    paired, previous = [], None
    for test in tests:
        note = None
        if previous is not None and test.message and test.status is not Status.PASSED:
            if test.message == previous.message:
                note = "Same problem as above."
            else:
                note = _same_but_for_the_call(test.message, previous.message)
        paired.append((test, note))
        if test.status is not Status.PASSED and test.message:
            previous = test
    return paired


def _same_but_for_the_call(message: str, previous: str) -> str | None:
    for marker, note in _REPEATABLE:
        call, found, rest = message.partition(marker)
        if found and "\n" not in call and previous.partition(marker)[1:] == (found, rest):
            return f"{call} {note}"
    return None


def _test_lines(test: TestResult, color: bool, repeat: str | None = None) -> list[str]:
    """The test's line; under a failure its message and hint, unless it repeats the failure
    before it (see with_repeats)."""
    mark, style = _MARKS[test.status]
    if test.optional and test.status is not Status.PASSED:
        mark, style = "○", "yellow"
    label = test.name + (" (hidden)" if test.visibility.value == "hidden" else "")
    score = ("optional" if test.optional
             else f"{points(test.score)}/{points(test.max_score)}")
    room = WIDTH - 5 - len(score)
    if len(label) > room:
        label = label[: room - 1] + "…"
    lines = [f"  {paint(mark, style, color)} {label.ljust(room)} {score}"]
    if test.status in (Status.PASSED, Status.SKIPPED):
        if test.status is Status.SKIPPED and test.message:
            lines.append(paint(f"      {test.message}", "bright_black", color))
        return lines
    if repeat is not None:
        return [*lines, *indented(repeat, "      ", "bright_black", color)]
    if test.message:
        lines += indented(test.message, "      ")
    if test.hint:
        lines += indented(f"Hint {test.hint_number}: {test.hint}", "      ", "bright_black", color)
    return lines


def indented(text: str, prefix: str, style: str | None = None, color: bool = False) -> list[str]:
    """Lines of `text` after `prefix`, wrapped to WIDTH; indented lines (code) are kept as is."""
    lines = []
    for raw in text.splitlines():
        wrapped = textwrap.wrap(raw, WIDTH - len(prefix), subsequent_indent="  ") \
            if len(raw) > WIDTH - len(prefix) and not raw.startswith(" ") else [raw]
        for line in wrapped or [""]:
            lines.append(paint(prefix + line, style, color) if style else prefix + line)
    return lines
