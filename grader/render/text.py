"""The terminal verdict: one line per test, the message under each failure, then the total."""

from __future__ import annotations

import functools
import itertools
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

from grader import i18n
from grader.boundary import launch
from grader.feedback import LIKELY_CAUSE, RAISED, TOOK_LONGER
from grader.i18n import N_, _, counted
from grader.render import wrap
from grader.results import REORDERING, LeftOut, Result, Status, TestResult

_MARKS = {
    Status.PASSED: ("✓", "green"),
    Status.FAILED: ("✗", "red"),
    Status.ERROR: ("!", "red"),
    Status.TIMEOUT: ("⧗", "yellow"),
    Status.SKIPPED: ("-", "bright_black"),
}
_VERDICTS = {Status.PASSED: (N_("full marks"), "green"), Status.FAILED: (N_("not yet"), "yellow"),
             Status.ERROR: (N_("could not be graded"), "red")}
_ANSI = {"green": "32", "red": "31", "yellow": "33", "bright_black": "90", "bold": "1"}
WIDTH = 78
SAME_CAUSE = N_("Same likely cause as above.")
SAME_PROBLEM = N_("Same problem as above.")
LEFT_OUT_SHOWN = 5  # in the terminal; the report lists every one
# Control characters other than newline and tab: a learner's exception message or file name must
# not move the cursor, clear the screen or fake colours in the terminal that reads the verdict.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# For a name or a path on one line: newlines and tabs too (an embedded newline would print a
# fake line), and the bidirectional controls that reorder what follows them (Trojan Source).
_LINE_CONTROL = re.compile(f"[\x00-\x1f\x7f-\x9f{REORDERING}]")
# For a page or a CSV cell: a browser ignores the other controls but obeys the reordering ones,
# which would make a learner's name, message or output read as something it is not.
_PAGE_CONTROL = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{REORDERING}]")


def isolation_text(text: str) -> str:
    """A result's isolation ("bubblewrap: PID namespace, no network, ...") with each layer in
    the language spoken. Results record it in English, as data (the level's name and the
    UNSAFE mark are matched on); this translates what a report shows of it, and lists the
    layers as the language lists things ("、" between them in Chinese)."""
    pattern, templates = _layers()

    def translated(match: re.Match) -> str:
        template = templates[int(match.lastgroup.removeprefix("t"))]
        names = re.findall(r"\{(\w+)\}", template)
        values = re.fullmatch(_layer_pattern(template), match.group()).groups()
        return _(template).format(**dict(zip(names, values, strict=True)))

    found = list(pattern.finditer(text))
    if not found or any(text[before.end():after.start()] != ", "
                        for before, after in itertools.pairwise(found)):
        return pattern.sub(translated, text)
    level, layers = text[:found[0].start()], i18n.listing(map(translated, found))
    if level.endswith(": "):
        return _("{level}: {layers}").format(level=level[:-2], layers=layers) \
            + text[found[-1].end():]
    return level + layers + text[found[-1].end():]


def _layer_pattern(template: str) -> str:
    return re.sub(r"\\\{\w+\\\}", r"(\\d+)", re.escape(template))


@functools.cache
def _layers() -> tuple[re.Pattern, tuple[str, ...]]:
    # The longest first: "user namespace" is the start of another layer.
    templates = tuple(sorted(launch.LAYERS, key=len, reverse=True))
    return re.compile("|".join(f"(?P<t{index}>{_layer_pattern(template)})"
                               for index, template in enumerate(templates))), templates


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


def printable_in_page(text: str) -> str:
    """`text` as a web page shows it as written: newlines and tabs kept, every other control
    character and the bidirectional controls shown as escapes (\\u202e), as in the terminal."""
    return _PAGE_CONTROL.sub(lambda match: _escape(match.group()), text)


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
    left_out = tuple(replace(item, code=printable_line(item.code)) for item in result.left_out)
    return replace(result, submission=printable(result.submission),
                   message=printable(result.message), tests=tests, left_out=left_out)


# What was left out of a notebook, one sentence per entry; {place} is "Cell 4, line 2" (or "In
# [4], line 2" for a kernel's input), "Cell 4" when the whole cell is left out.
_LEFT_OUT = {
    "magic": N_("{place}: `{code}` is an IPython magic, which only Jupyter runs."),
    "shell": N_("{place}: `{code}` is a shell command, which the grader does not run."),
    "help": N_("{place}: `{code}` asks IPython for help, which only Jupyter shows."),
    "cell magic": N_("{place} starts with the cell magic `{code}`, so the whole cell is left "
                     "out."),
    "skip": N_("{place} starts with `# grader: skip`, so the whole cell is left out."),
    "syntax error": N_("{place} has a syntax error, so the kernel did not run it either: the "
                       "input is left out."),
}
_WHOLE = ("cell magic", "skip", "syntax error")


def left_out_place(item: LeftOut, notebook: str | None) -> str:
    """Where a left-out entry is, as the learner finds it: a file's cell, or a kernel's input."""
    kernel = notebook == "kernel"
    if item.reason in _WHOLE:
        return (_("In [{cell}]") if kernel else _("Cell {cell}")).format(cell=item.cell)
    if item.lines > 1:
        return (_("In [{cell}], lines {first}–{last}") if kernel else
                _("Cell {cell}, lines {first}–{last}")).format(
                    cell=item.cell, first=item.line, last=item.line + item.lines - 1)
    return (_("In [{cell}], line {line}") if kernel else _("Cell {cell}, line {line}")).format(
        cell=item.cell, line=item.line)


def left_out_sentence(item: LeftOut, notebook: str | None) -> str:
    if item.reason not in _LEFT_OUT:  # "more": the entries the result had no room for
        return counted(item.lines, "{n} more line is left out as well.",
                       "{n} more lines are left out as well.")
    return _(_LEFT_OUT[item.reason]).format(place=left_out_place(item, notebook), code=item.code)


def left_out_heading(result: Result) -> str | None:
    """The sentence over the list of what was left out, or how a kernel's inputs were graded;
    None for a Python file."""
    parts = len(result.left_out)
    if result.notebook == "kernel":
        if not parts:
            return _("Graded: the code you ran in this notebook's kernel, in the order you ran "
                     "it.")
        return counted(parts, "Graded: the code you ran in this notebook's kernel, in the order "
                              "you ran it, except for this part:",
                       "Graded: the code you ran in this notebook's kernel, in the order you ran "
                       "it, except for these {n} parts:")
    if not parts:
        return None
    return counted(parts, "This part of {file} is left out of grading:",
                   "These {n} parts of {file} are left out of grading:", file=result.submission)


def left_out_lines(result: Result) -> list[str]:
    """What the terminal says about a notebook's left-out lines: the heading and the first few."""
    heading = left_out_heading(result)
    if heading is None:
        return []
    lines = indented(heading, "")
    for item in result.left_out[:LEFT_OUT_SHOWN]:
        lines += indented(left_out_sentence(item, result.notebook), "  ")
    rest = len(result.left_out) - LEFT_OUT_SHOWN
    if rest > 0:
        lines += indented(counted(rest, "…and {n} more, listed in the report.",
                                  "…and {n} more, listed in the report."), "  ")
    return lines


def render(result: Result, *, color: bool, report_path: str | None = None,
           next_step: str | None = None) -> str:
    result = printable_result(result)
    lines = [paint(f"{result.title} ({result.exercise}) — {result.submission}", "bold", color)]
    left_out = left_out_lines(result)
    if left_out:
        lines += [*left_out, ""]
    if result.status is Status.ERROR and result.message:
        lines.append(paint(_("Your file could not be graded:"), "red", color))
        lines += indented(result.message, "  ")
        if result.tests:
            lines.append("  " + counted(len(result.tests), "{n} test could not run.",
                                        "{n} tests could not run."))
    elif result.message:
        lines += indented(result.message, "  ")
        lines += [f"  {paint('-', 'bright_black', color)} {test.name}" for test in result.tests]
        first_hint = stopped_hint(result)
        if first_hint:
            lines += indented(hint_line(first_hint), "  ", "bright_black", color)
    else:
        for said in told(result.tests):
            lines += _test_lines(said, color)
    total = _("Score: {score}/{max_score}").format(score=points(result.score),
                                                    max_score=points(result.max_score))
    lines.append("")
    lines.append(paint(total, "bold", color) + " — " + verdict(result, color))
    if result.output.strip():
        lines.append(counted(len(result.output.splitlines()),
                             "Your code printed {n} line (shown in the report).",
                             "Your code printed {n} lines (shown in the report)."))
    drawn = sum(len(test.charts) for test in result.tests)
    if drawn:
        lines.append(counted(drawn, "The report draws {n} chart of your results.",
                             "The report draws {n} charts of your results."))
    if report_path:
        lines.append(_("Report: {path}").format(path=report_path))
    if next_step:
        lines.append(next_step)
    return "\n".join(lines)


def verdict(result: Result, color: bool) -> str:
    """The result in a word or three, coloured as the terminal shows it everywhere."""
    word, style = _VERDICTS[result.status]
    return paint(_(word), style, color)


# A failure message that starts with the call it came from (in the language it was graded in),
# and what to say instead when the failure before it said the same of another call.
_REPEATABLE = ((RAISED, N_("{call} raised the same error as above.")),
               (TOOK_LONGER, N_("{call} also took too long and was stopped, as above.")))


@dataclass(frozen=True)
class Told:
    """One test's feedback as a report says it, given what the tests above it said already:
    each failure, likely cause and hint is said in full once, and later only pointed at."""

    test: TestResult
    message: str | None  # the message, its likely cause taken out
    cause: str | None = None  # the likely cause, said here for the first time
    same_cause: bool = False  # the likely cause is one said above: say that instead
    repeat: str | None = None  # the failure is the one above: this line replaces all of it
    hint_said: bool = False  # this test's hint was given in full above

    @property
    def failed(self) -> bool:
        return self.test.status not in (Status.PASSED, Status.SKIPPED)

    @property
    def shows_hint(self) -> bool:
        return self.failed and self.repeat is None and bool(self.test.hint)


def told(tests: tuple[TestResult, ...]) -> list[Told]:
    """How each test's feedback is said, for the terminal and the HTML report alike."""
    causes: set[str] = set()
    hints: set[int | None] = set()
    said = []
    for test, repeat in with_repeats(tests):
        if test.status in (Status.PASSED, Status.SKIPPED):
            said.append(Told(test, test.message))
            continue
        message, cause = split_cause(test.message)
        same_cause = repeat is None and cause is not None and cause in causes
        if repeat is None and cause is not None:
            causes.add(cause)
        entry = Told(test, message, None if same_cause else cause, same_cause, repeat)
        if entry.shows_hint:
            entry = replace(entry, hint_said=test.hint_number in hints)
            hints.add(test.hint_number)
        said.append(entry)
    return said


def split_cause(message: str | None) -> tuple[str | None, str | None]:
    """The message without its "Likely cause: ..." line (in any language), and that cause."""
    if message is None:
        return None, None
    prefixes = tuple(_before(form, "{cause}") for form in i18n.variants(LIKELY_CAUSE))
    lines, cause = [], None
    for line in message.splitlines():
        prefix = next((prefix for prefix in prefixes if line.startswith(prefix)), None)
        if cause is None and prefix is not None:
            cause = line.removeprefix(prefix)
        else:
            lines.append(line)
    return "\n".join(lines), cause


def _before(form: str, placeholder: str) -> str:
    return form.partition(placeholder)[0]


def stopped_hint(result: Result) -> TestResult | None:
    """The one hint shown when one problem stopped every test: none when the file could not be
    graded (the fix is in the message), the first test's when it is not started yet."""
    if result.status is Status.ERROR:
        return None
    return next((test for test in result.tests if test.hint), None)


def hints_shown(result: Result) -> frozenset[int]:
    """The numbers of the catalog hints a report of `result` shows, the terminal's and the
    HTML's alike: these count as seen, so that "hint N of M" never offers one again."""
    if result.message:
        hint = stopped_hint(result)
        return frozenset({hint.hint_number} if hint and hint.hint_number else ())
    return frozenset(said.test.hint_number for said in told(result.tests)
                     if said.shows_hint and said.test.hint_number)


def hint_line(test: TestResult, said_above: bool = False) -> str:
    if said_above:
        return _("Hint {number}, as above.").format(number=test.hint_number)
    return _("Hint {number}: {hint}").format(number=test.hint_number, hint=test.hint)


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
                note = _(SAME_PROBLEM)
            else:
                note = _same_but_for_the_call(test.message, previous.message)
        paired.append((test, note))
        if test.status is not Status.PASSED and test.message:
            previous = test
    return paired


def _same_but_for_the_call(message: str, previous: str) -> str | None:
    for said, note in _REPEATABLE:
        for form in i18n.variants(said):
            # the words between the call and what follows it: " raised ", " took longer than "
            marker = _before(form.partition("{call}")[2], "{")
            call, found, rest = message.partition(marker)
            if marker and found and "\n" not in call \
                    and previous.partition(marker)[1:] == (found, rest):
                return _(note).format(call=call)
    return None


def _test_lines(said: Told, color: bool) -> list[str]:
    """The test's line; under a failure its message, likely cause and hint, each pointing
    above instead when said there already (see told)."""
    test = said.test
    mark, style = _MARKS[test.status]
    if test.optional and test.status is not Status.PASSED:
        mark, style = "○", "yellow"
    label = (_("{name} (hidden)").format(name=test.name) if test.visibility.value == "hidden"
             else test.name)
    score = (_("optional") if test.optional
             else f"{points(test.score)}/{points(test.max_score)}")
    room = WIDTH - 5 - wrap.columns(score)
    lines = [f"  {paint(mark, style, color)} {wrap.ljust(wrap.cut(label, room), room)} {score}"]
    if not said.failed:
        if test.status is Status.SKIPPED and test.message:
            lines.append(paint(f"      {test.message}", "bright_black", color))
        return lines
    if said.repeat is not None:
        return [*lines, *indented(said.repeat, "      ", "bright_black", color)]
    if said.message:
        lines += indented(said.message, "      ")
    if said.cause:
        lines += indented(_(LIKELY_CAUSE).format(cause=said.cause), "      ")
    elif said.same_cause:
        lines += indented(_(SAME_CAUSE), "      ", "bright_black", color)
    if said.shows_hint:
        lines += indented(hint_line(test, said.hint_said), "      ", "bright_black", color)
    return lines


def indented(text: str, prefix: str, style: str | None = None, color: bool = False) -> list[str]:
    """Lines of `text` after `prefix`, wrapped to WIDTH columns, never inside a short `code`
    span (so `# grader: skip` stays whole); indented lines (code) are kept as is."""
    lines = []
    room = WIDTH - len(prefix)
    for raw in text.splitlines():
        if wrap.columns(raw) > room and not raw.startswith(" "):
            glued = _CODE_SPAN.sub(lambda span: span.group(0).replace(" ", "\0"), raw)
            wrapped = [line.replace("\0", " ") for line in
                       wrap.wrap(glued, room, subsequent_indent="  ")]
        else:
            wrapped = [raw]
        for line in wrapped or [""]:
            lines.append(paint(prefix + line, style, color) if style else prefix + line)
    return lines


_CODE_SPAN = re.compile(r"`[^`\n]{1,30}`")
