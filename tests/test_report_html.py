"""The HTML report, from real gradings: self-contained, every learner-controlled string escaped,
hidden tests without their expected values, each thing said once; and in a real headless
Chromium (Debian's package, never a downloaded browser): it loads without a console message, a
page error or a network request, shows the score and every test, and fits a phone's width."""

from __future__ import annotations

import html
import re
import shutil
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest

from grader.core import grading
from grader.course import paths as course
from grader.render import html as render_html
from grader.render import text as render_text
from grader.results import Result, Status, TestResult, Visibility

SEED = 20261129

# Wrong for most inputs (it squares), and hostile to the report: it prints markup and the inputs
# it is given (so the test can work out the hidden tests' expected values), and raises an
# exception whose message is markup for one visible input.
HOSTILE = """\
    import numpy as np

    print("<script>alert(1)</script>")

    def softmax(L):
        print("INPUT", repr([float(x) for x in L]))
        if list(L) == [3.5]:
            raise ValueError("<img src=x onerror=alert(2)> & <b>bold</b>")
        squares = np.array(L, dtype=float) ** 2
        return squares / squares.sum()
    """
HOSTILE_NAME = "my<b>softmax.py"
VISIBLE_INPUTS = ([1.0, 2.0, 3.0], [1.0, 2.0, 3.0, 4.0, 1.0, 2.0, 3.0], [3.5],
                  [2.0, 2.0, 2.0, 2.0], [-1.0, -2.5, 0.5], [1000.0, 1001.0])


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("reports")


def _graded(folder: Path, name: str, source: str, exercise: str = "softmax") -> tuple[Result, str]:
    path = folder / name
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    result = grading.grade(path, exercise, seed=SEED)
    return result, render_html.render(result)


@pytest.fixture(scope="module")
def hostile(folder):
    return _graded(folder, HOSTILE_NAME, HOSTILE)


@pytest.fixture(scope="module")
def reports(folder, hostile) -> dict[str, tuple[Result, str]]:
    """One report per kind of result a learner meets, written to files for the browser."""
    found = {
        "failing": hostile,
        "passing": _graded(folder, "softmax.py",
                           course.solution_path("softmax").read_text(encoding="utf-8")),
        "syntax-error": _graded(folder, "broken.py",
                                "import numpy as np\n\ndef softmax(L)\n    return L\n"),
        "not-started": _graded(folder, "cross_entropy.py",
                               course.stub_path("cross_entropy").read_text(encoding="utf-8"),
                               "cross_entropy"),
    }
    assert [r.status for r, _ in found.values()] == [Status.FAILED, Status.PASSED,
                                                      Status.ERROR, Status.FAILED]
    for name, (_, page) in found.items():
        (folder / f"{name}.html").write_text(page, encoding="utf-8")
    return found


class _Page(HTMLParser):
    """Tags with their attributes, and the text inside each test card."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.cards: dict[str, list[str]] = {}
        self._card: str | None = None
        self._depth = 0
        self.style = ""
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        self._in_style = tag == "style"
        if tag == "article":
            self._card, self._depth = attributes["id"], 0
            self.cards[self._card] = []
        if self._card and tag == "article":
            self._depth += 1

    def handle_endtag(self, tag):
        self._in_style = False
        if self._card and tag == "article":
            self._depth -= 1
            if self._depth == 0:
                self._card = None

    def handle_data(self, data):
        if self._in_style:
            self.style += data
        if self._card:
            self.cards[self._card].append(data)

    def card_text(self, test_id: str) -> str:
        return "".join(self.cards[f"test-{test_id}"])


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    return parser


# -- the HTML itself ------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["failing", "passing", "syntax-error", "not-started"])
def test_report_is_self_contained(reports, kind):
    result, page = reports[kind]
    parsed = _parse(page)
    assert not re.search(r"https?://", page.replace(result.output, "")), "a URL in the report"
    for tag, attributes in parsed.tags:
        assert tag not in ("script", "link", "iframe", "object", "embed", "img"), tag
        for name, value in attributes.items():
            assert not (name in ("src", "href", "action") and value
                        and not value.startswith(("#", "data:"))), (tag, name, value)
    assert "@import" not in parsed.style and "url(" not in parsed.style
    policy = next(a["content"] for t, a in parsed.tags
                  if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in policy and "script-src 'none'" in policy


def test_learner_controlled_strings_are_escaped(hostile):
    result, page = hostile
    assert "<script>alert(1)</script>" in result.output
    assert "<script" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in page
    assert "my&lt;b&gt;softmax.py" in page
    parsed = _parse(page)
    assert not [t for t, _ in parsed.tags if t in ("script", "img", "b")]


def test_header_names_exercise_score_and_status(reports):
    for result, page in reports.values():
        header = page.split("</header>")[0]
        assert f"<h1>{html.escape(result.title)}</h1>" in header
        assert f"<code>{result.exercise}</code>" in header
        assert f'data-score="{result.score}" data-max="{result.max_score}"' in header
        badge = {"passed": "Full marks", "failed": "Not yet",
                 "error": "Could not be graded"}[result.status.value]
        assert f'badge-{result.status.value}">{badge}<' in header


def test_one_block_per_test_in_order(reports):
    for result, page in reports.values():
        ids = re.findall(r'<article class="test[^"]*" id="test-([^"]+)"', page)
        assert ids == [test.id for test in result.tests]


def test_visible_failures_show_input_expected_yours_and_difference_once(hostile):
    result, page = hostile
    parsed = _parse(page)
    failing = [t for t in result.tests if t.visibility is Visibility.VISIBLE
               and t.details and t.details.expected and not t.optional]
    assert len(failing) >= 3
    for test in failing:
        card = parsed.card_text(test.id)
        for label in ("Input", "Expected", "Yours", "Difference"):
            assert label in card, (test.id, label)
        assert test.details.expected in card and test.details.actual in card
        assert card.count(test.details.diff) == 1, "the difference is shown twice"


def test_each_likely_cause_is_given_once_and_later_cards_point_to_it(hostile):
    result, page = hostile
    parsed = _parse(page)
    squaring = "exp is not squaring"
    with_cause = [t for t in result.tests if t.message and squaring in t.message]
    assert len(with_cause) >= 3, "the premise: several tests find the same mistake"
    first, *later = with_cause
    assert "Likely cause: " + squaring in parsed.card_text(first.id)
    for test in later:
        card = parsed.card_text(test.id)
        assert squaring not in card and "Same likely cause as above." in card, test.id
    assert page.count(squaring) == 1


def test_a_raised_exception_names_its_input_once(hostile):
    result, page = hostile
    card = _parse(page).card_text("test_single_score")
    assert "softmax([3.5]) raised ValueError" in card
    assert card.count("softmax([3.5])") == 1
    assert "line 8, in softmax" in card


def test_hidden_tests_show_name_verdict_and_hint_but_never_expected_values(hostile):
    result, page = hostile
    parsed = _parse(page)
    hidden = [t for t in result.tests if t.visibility is Visibility.HIDDEN]
    assert hidden and all(t.status is Status.FAILED for t in hidden)
    for test in hidden:
        card = parsed.card_text(test.id)
        assert test.name in card and "hidden test" in card and "failed" in card
        assert f"Hint {test.hint_number}" in card
        assert page.count(html.escape(test.hint, quote=False)) == 1, "a hint said twice"
        for label in ("Input", "Expected", "Yours", "Difference"):
            assert label not in card
    # The inputs the suite gave, as the submission printed them; all but the visible ones are
    # hidden inputs, and no form of their expected probabilities may appear in the report.
    calls = [eval(line.removeprefix("INPUT "))  # noqa: S307 (a list of floats we printed)
             for line in result.output.splitlines() if line.startswith("INPUT ")]
    hidden_inputs = [L for L in calls if L not in VISIBLE_INPUTS]
    assert hidden_inputs, "the hidden tests called softmax"
    visible_expected = np.exp([1.0, 2.0, 3.0]) / np.exp([1.0, 2.0, 3.0]).sum()
    assert _digits(visible_expected[0])[0] in page, "the check below could not see a value"
    for scores in hidden_inputs:
        expected = np.exp(scores) / np.exp(scores).sum()
        for value in expected:
            for form in _digits(value):
                assert form not in page, f"a hidden expected value ({value}) is in the report"


def _digits(value: float) -> tuple[str, ...]:
    """The forms a probability takes when printed: first six decimals, truncated or rounded."""
    return (f"{value:.10f}"[:8], f"{value:.6f}")


def test_captured_output_version_date_seed_and_isolation(hostile):
    result, page = hostile
    assert "What your code printed" in page
    assert html.escape(result.output.splitlines()[1], quote=False) in page
    footer = page.split("<footer>")[1]
    assert f"nn-grader <span class=\"version\">{result.grader_version}</span>" in footer
    assert f'datetime="{result.graded_at}"' in footer
    assert re.search(r"\d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d UTC", footer)
    assert f"--seed {SEED}" in footer
    assert result.isolation and html.escape(result.isolation) in footer


def test_a_file_that_could_not_be_graded_says_why_once(reports):
    result, page = reports["syntax-error"]
    assert "Your file could not be graded" in page
    assert page.count("SyntaxError on line 3 of broken.py") == 1
    parsed = _parse(page)
    for test in result.tests:
        card = parsed.card_text(test.id)
        assert test.name in card and "not run" in card
        assert "SyntaxError" not in card and "Hint" not in card


def test_not_started_is_friendly_and_said_once(reports):
    result, page = reports["not-started"]
    assert "<h2>Not started yet</h2>" in page
    assert "could not be graded" not in page
    assert page.count("still raises NotImplementedError") == 0
    assert page.count("Hint 1:") == 1


def test_a_passing_report_has_no_failure_text(reports):
    result, page = reports["passing"]
    parsed = _parse(page)
    for test in result.tests:
        if not test.optional:
            card = parsed.card_text(test.id)
            assert "passed" in card and "Hint" not in card and "Expected" not in card


# -- in Chromium ----------------------------------------------------------------------------


class _Tab:
    """One browser tab for the whole module (a new one costs a second): every request other
    than the report being opened is refused and recorded, as are console messages, page errors
    and dialogs."""

    def __init__(self, page) -> None:
        self.page = page
        self.problems: list[str] = []
        self.opened: str | None = None
        page.on("console", lambda message: self.problems.append(
            f"console {message.type}: {message.text}"))
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        page.on("dialog", self._dialog)
        page.route("**/*", self._route)

    def _dialog(self, dialog) -> None:
        self.problems.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    def _route(self, route) -> None:
        if route.request.url == self.opened:
            route.continue_()
        else:
            self.problems.append(f"request: {route.request.url}")
            route.abort()

    def open(self, path: Path, width: int):
        self.problems.clear()
        self.opened = path.as_uri()
        self.page.set_viewport_size({"width": width, "height": 900})
        self.page.goto(self.opened)
        self.page.wait_for_load_state("load")
        return self.page


@pytest.fixture(scope="module")
def tab(browser):
    page = browser.new_page()
    yield _Tab(page)
    page.close()


@pytest.mark.chromium
@pytest.mark.parametrize("kind", ["failing", "passing", "syntax-error", "not-started"])
@pytest.mark.parametrize("width", [1100, 390], ids=["desktop", "phone"])
def test_report_in_chromium(tab, reports, folder, tmp_path, kind, width):
    result, _ = reports[kind]
    page = tab.open(folder / f"{kind}.html", width)
    score = page.locator(".score-value")
    assert score.count() == 1 and score.is_visible()
    assert score.inner_text().replace("\n", "") == \
        f"{result.score:g}/{result.max_score:g}"
    assert page.locator("h1").inner_text() == result.title
    for test in result.tests:
        card = page.locator(f"article#test-{test.id}")
        assert card.count() == 1, test.id
        assert card.is_visible()
        assert card.get_attribute("data-status") == test.status.value
        assert test.name in card.locator(".test-name").inner_text()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the window"
    shot = tmp_path / f"report-{kind}-{width}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    assert tab.problems == [], tab.problems


@pytest.mark.chromium
def test_hostile_strings_do_not_run_in_chromium(tab, reports, folder):
    page = tab.open(folder / "failing.html", 1100)
    assert page.locator("script, img, b").count() == 0
    assert "<script>alert(1)</script>" in page.locator("pre.console").inner_text()
    assert "my<b>softmax.py" in page.locator("header code.file").inner_text()
    assert tab.problems == [], tab.problems


def test_a_repeated_error_is_explained_on_the_first_card_only():
    error = "AttributeError: `np.float_` was removed.\n  line 4, in f: Y = np.float_(Y)"
    tests = tuple(TestResult(id=f"t{i}", name=f"test {i}", status=Status.ERROR, score=0.0,
                             max_score=1.0, visibility=Visibility.VISIBLE, hint="Use float64.",
                             hint_number=1, message=f"f([{i}]) raised {error}")
                  for i in range(3))
    result = Result(exercise="cross_entropy", title="Cross entropy", submission="c.py",
                    status=Status.FAILED, score=0.0, max_score=3.0, tests=tests)
    parsed = _parse(render_html.render(result))
    assert "line 4, in f" in parsed.card_text("t0") and "Hint 1" in parsed.card_text("t0")
    for later in ("t1", "t2"):
        card = parsed.card_text(later)
        assert f"f([{later[1]}]) raised the same error as above" in card
        assert "line 4" not in card
        assert "Hint" not in card, "the fix of the same error is the hint above"


def test_base_template_blocks_are_there_for_other_reports():
    child = render_html.environment().from_string(
        '{% extends "base.html.j2" %}'
        "{% block title %}Class overview{% endblock %}"
        "{% block extra_style %}.overview { color: red; }{% endblock %}"
        "{% block script_policy %}'sha256-abc'{% endblock %}"
        "{% block body %}<p id='child'>{{ text }}</p>{% endblock %}")
    page = child.render(text="<i>x</i>")
    assert "<title>Class overview</title>" in page
    assert ".overview { color: red; }" in page.split("</style>")[0]
    assert "script-src 'sha256-abc'" in page
    assert "<main>\n<p id='child'>&lt;i&gt;x&lt;/i&gt;</p>" in page


def test_the_report_names_the_hints_the_terminal_names(hostile):
    result, page = hostile
    terminal = render_text.render(result, color=False)
    in_page = {int(n) for n in re.findall(r"Hint (\d+)[:,]", page)}
    in_terminal = {int(n) for n in re.findall(r"^ +Hint (\d+)[:,]", terminal, re.M)}
    assert in_page and in_page == in_terminal == render_text.hints_shown(result)


# -- the class report's pages ---------------------------------------------------------------

CLASS = ("ana", "ben", "chloe")


@pytest.fixture(scope="module")
def class_report(tmp_path_factory) -> Path:
    """Three learners with two correct files each: six submissions, all at full marks, so
    each chart's mean and median fall on its one bar's count label."""
    from click.testing import CliRunner

    from grader import cli

    root = tmp_path_factory.mktemp("class")
    for learner in CLASS:
        for exercise in ("softmax", "cross_entropy"):
            target = root / "submissions" / learner / f"{exercise}.py"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(course.solution_path(exercise), target)
    outcome = CliRunner().invoke(cli.main, ["report", str(root / "submissions"), "-o",
                                            str(root / "out"), "--seed", str(SEED)])
    assert outcome.exit_code == 0, outcome.output
    assert "Graded 3 learners, 6 submissions" in outcome.output
    return root / "out"


def test_the_class_cards_say_what_they_count(class_report):
    page = (class_report / "index.html").read_text(encoding="utf-8")
    cards = dict((label, value) for value, label in re.findall(
        r'<span class="stat-value">(\d+)</span><span class="stat-label">([^<]+)</span>', page))
    assert cards["learners"] == "3"
    assert cards["submissions graded"] == "6"
    assert cards["submissions at full marks"] == "6"
    assert "files skipped" in cards and "at full marks" not in cards


def test_a_learners_page_does_not_link_to_the_class_overview(class_report):
    for page in (class_report / "learners").glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "index.html" not in text and "Class overview" not in text
        assert "2 of 2 exercises submitted" in text
    assert len(list((class_report / "learners").glob("*.html"))) == len(CLASS)


@pytest.mark.chromium
def test_no_count_label_is_crossed_by_the_mean_or_median_line(tab, class_report):
    page = tab.open(class_report / "index.html", 1280)
    charts = page.locator("figure.chart")
    assert charts.count() == 2
    for index in range(charts.count()):
        chart = charts.nth(index)
        labels = chart.locator("text.count").evaluate_all(
            "nodes => nodes.map(n => n.getBoundingClientRect().toJSON())")
        lines = chart.locator("line.mean, line.median").evaluate_all(
            "nodes => nodes.map(n => n.getBoundingClientRect().toJSON())")
        assert labels and lines
        # the premise: a line runs through a label's column (all scores equal: mean = median)
        assert any(line["left"] - 1 <= (label["left"] + label["right"]) / 2 <= line["right"] + 1
                   for line in lines for label in labels)
        for label in labels:
            for line in lines:
                apart = (line["right"] <= label["left"] or line["left"] >= label["right"]
                         or line["bottom"] <= label["top"] or line["top"] >= label["bottom"])
                assert apart, (label, line)
    page.screenshot(path=str(class_report / "class.png"), full_page=True)
    assert tab.problems == [], tab.problems


@pytest.mark.chromium
def test_a_failing_report_in_chromium_shows_each_likely_cause_once(tab, reports, folder):
    result, _ = reports["failing"]
    causes = {render_text.split_cause(test.message)[1] for test in result.tests} - {None}
    assert causes, "the premise: the failing report has a likely cause"
    page = tab.open(folder / "failing.html", 1100)
    shown = page.locator("p.cause:not(.same-cause)").all_inner_texts()
    assert sorted(text.removeprefix("Likely cause: ") for text in shown) == sorted(causes)
    assert page.locator("p.same-cause").count() >= 1
    page.screenshot(path=str(folder / "failing.png"), full_page=True)
    assert tab.problems == [], tab.problems
