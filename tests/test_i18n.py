"""The translations: the catalog is complete and current, the glossary's terms are used, the
language is chosen in the documented order, and Chinese wraps in terminal columns."""

from __future__ import annotations

import ast
import re
import textwrap
from pathlib import Path

import catalogs
import pytest
from babel.messages.pofile import read_po
from catalogs import babel_problems, forms, glossary, messages, translations

from grader import i18n
from grader.course import catalog
from grader.course import paths as course
from grader.render import wrap

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "grader" / "locale"
PO = LOCALE / "zh" / "LC_MESSAGES" / "nn_grader.po"
POT = LOCALE / "nn_grader.pot"
GLOSSARY = LOCALE / "glossary-zh.tsv"
# The extraction command of docs/course-authors.md ("Translations"), writing the template
# elsewhere.
EXTRACT = ["extract", "-F", "pyproject.toml", "-k", "counted:2,3", "--add-location=file",
           "--sort-output", "-w", "100", "--project", "nn-grader",
           "--copyright-holder", "nn-grader"]
PLACEHOLDER = re.compile(r"\{(\w*)[^{}]*\}")
# A glossary term that a message uses in another sense: (term, the start of the message).
GLOSSARY_EXCEPTIONS = {
    ("class", "`{name}` in your file is {kind}, not a function or class"),  # a Python class
    ("learner", "The roster {path} has no learner column."),  # the column is named `learner`
}


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    i18n.use(i18n.ENGLISH)








# -- the catalog ----------------------------------------------------------------------------


def test_every_message_has_a_chinese_translation_that_is_not_fuzzy():
    catalog = messages(PO)
    assert len(catalog) > 400
    untranslated = [forms(m)[0] for m in catalog if not all(translations(m))]
    fuzzy = [forms(m)[0] for m in catalog if m.fuzzy]
    assert untranslated == [] and fuzzy == []
    assert babel_problems(PO) == []


def test_chinese_has_one_plural_form():
    with PO.open("rb") as source:
        assert read_po(source).num_plurals == 1


def test_every_placeholder_of_the_english_is_kept_in_the_chinese():
    """The plural English's placeholders are all in the Chinese (its only form says any
    number), and the Chinese has none the code does not fill in."""
    wrong = []
    for message in messages(PO):
        english = set(PLACEHOLDER.findall(forms(message)[-1]))
        known = set(PLACEHOLDER.findall(" ".join(forms(message))))
        for chinese in translations(message):
            found = set(PLACEHOLDER.findall(chinese))
            if not english <= found <= known:
                wrong.append((forms(message)[0], chinese))
    assert wrong == []


def test_the_compiled_catalog_is_the_one_read():
    """The build hook compiled the .po (an install without it would speak English)."""
    i18n.use(i18n.CHINESE)
    assert i18n._("Score: {score}/{max_score}") == "得分：{score}/{max_score}"
    assert i18n.counted(3, "{n} test could not run.", "{n} tests could not run.") == \
        "3 个测试无法运行。"
    i18n.use(i18n.ENGLISH)
    assert i18n.counted(1, "{n} test could not run.", "{n} tests could not run.") == \
        "1 test could not run."


def test_a_fresh_extraction_finds_exactly_the_messages_of_the_template_and_the_po(tmp_path):
    """Nothing is marked in the code without being in the catalog, and nothing in the catalog
    is gone from the code (run the three commands of docs/course-authors.md after changing a
    message)."""
    extracted = catalogs.extracted(ROOT, EXTRACT, tmp_path / "fresh.pot")
    assert extracted == {forms(m) for m in messages(POT)}
    assert extracted == {forms(m) for m in messages(PO)}


def test_the_chinese_uses_full_width_punctuation():
    """A Chinese sentence ends with 。？！ or ：, not an ASCII period or colon."""
    assert catalogs.ascii_punctuated(PO) == []


# -- the glossary ---------------------------------------------------------------------------




def test_the_glossary_is_simplified_and_covers_the_course_terms():
    chinese = {form for _, forms_ in glossary(GLOSSARY) for form in forms_}
    for term in ("感知器", "激活函数", "交叉熵", "梯度下降", "反向传播", "独热编码", "最大似然",
                 "均方误差", "过拟合", "正则化", "早期停止", "学习率", "动量", "随机梯度下降",
                 "隐藏层"):
        assert term in chinese
    traditional = set("測試習題權誤隱層練報學與錯")
    assert not traditional & set("".join(chinese))


def test_a_message_using_a_glossary_term_is_translated_with_it():
    missing = []
    terms = glossary(GLOSSARY)
    for message in messages(PO):
        english = " ".join(forms(message))
        if any(english.startswith(start) for _, start in GLOSSARY_EXCEPTIONS):
            exceptions = {term for term, start in GLOSSARY_EXCEPTIONS if english.startswith(start)}
        else:
            exceptions = set()
        # What a learner types, a file's name, a JSON key and a command's metavariable (FILE)
        # are not translated: leave those out, and the commands indented as code.
        words = re.sub(r"`[^`]*`|<code>.*?</code>|<[^>]*>|\{[^{}]*\}|\S*[./]\S*|\"\w+\"|"
                       r"\b[A-Z]{2,}\b|^    .*$", " ", english, flags=re.MULTILINE).lower()
        for english_forms, chinese_forms in terms:
            used = [form for form in english_forms
                    if re.search(rf"(?<![\w-]){re.escape(form)}(?![\w-])", words)]
            if used and english_forms[0] not in exceptions and not any(
                    chinese in translation for chinese in chinese_forms
                    for translation in translations(message)):
                missing.append((english_forms[0], forms(message)[0]))
    assert missing == []


# -- the language ---------------------------------------------------------------------------


@pytest.mark.parametrize(("option", "environ", "workspace", "expected"), [
    (None, {}, None, "en"),
    (None, {"LANG": "zh_CN.UTF-8"}, None, "zh"),
    (None, {"LANG": "zh_TW.UTF-8", "LC_ALL": "C.UTF-8"}, None, "en"),
    (None, {"LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"}, None, "zh"),
    (None, {"LANG": "en_US.UTF-8"}, "zh", "zh"),
    (None, {"LANG": "zh_CN.UTF-8"}, "en", "en"),
    (None, {"NN_GRADER_LANG": "zh", "LANG": "en_US.UTF-8"}, "en", "zh"),
    (None, {"NN_GRADER_LANG": "klingon", "LANG": "zh_CN.UTF-8"}, None, "zh"),
    ("en", {"NN_GRADER_LANG": "zh", "LANG": "zh_CN.UTF-8"}, "zh", "en"),
    ("zh", {}, "en", "zh"),
])
def test_the_language_is_chosen_in_the_documented_order(option, environ, workspace, expected):
    assert i18n.choose(option, workspace=workspace, environ=environ) == expected


def test_the_cli_speaks_the_language_asked_for_wherever_the_option_is(run_cli, monkeypatch):
    for name in ("LANG", "LC_ALL", "LC_MESSAGES", "NN_GRADER_LANG"):
        monkeypatch.delenv(name, raising=False)
    assert "Usage:" in run_cli("--help").stdout
    assert "用法" in run_cli("--lang", "zh", "--help").stdout
    assert "用法" in run_cli("list", "--lang", "zh", "--help").stdout
    assert "--lang [en|zh]" in run_cli("hint", "--help").stdout
    monkeypatch.setenv("NN_GRADER_LANG", "zh")
    assert "用法" in run_cli("--help").stdout
    assert "Usage:" in run_cli("--lang=en", "--help").stdout
    refused = run_cli("--lang", "fr", "list")
    assert refused.exit_code == 2 and "fr" in refused.stderr


def test_a_workspace_keeps_the_language_it_was_made_in(run_cli, tmp_path, monkeypatch):
    for name in ("LANG", "LC_ALL", "LC_MESSAGES", "NN_GRADER_LANG"):
        monkeypatch.delenv(name, raising=False)
    assert run_cli("--lang", "zh", "init", "ws").exit_code == 0
    monkeypatch.chdir(tmp_path / "ws")
    assert "尚未开始" in run_cli("list").stdout
    assert "not started" in run_cli("--lang", "en", "list").stdout
    monkeypatch.setenv("NN_GRADER_LANG", "en")
    assert "not started" in run_cli("list").stdout


# -- wrapping in columns --------------------------------------------------------------------

CHINESE = ("你的答案与这个示例相符，但在其他输入上不是同样的计算：隐藏测试“random single, "
           "equal and negative scores”未通过。这个示例的分数要等那个测试也通过后才计入；"
           "那个测试的消息会说明哪里出了错。")


@pytest.mark.parametrize("width", [20, 33, 60, 80])
def test_chinese_wraps_within_the_width_in_columns_and_keeps_every_character(width):
    lines = wrap.wrap(CHINESE, width, initial_indent="  ", subsequent_indent="    ")
    assert all(wrap.columns(line) <= width for line in lines)
    assert all(wrap.columns(line) >= width - 12 for line in lines[:-1])  # lines are filled
    assert "".join(line.strip() for line in lines).replace(" ", "") == CHINESE.replace(" ", "")
    assert not any(line.strip()[0] in "，。；：）”" for line in lines)


def test_a_chinese_character_takes_two_columns():
    assert wrap.columns("得分：10/10") == 11
    assert wrap.ljust("练习", 6) == "练习  "
    assert wrap.cut("班级报告的标题", 7) == "班级报…"


@pytest.mark.parametrize("width", [10, 25, 70])
def test_english_wraps_exactly_as_textwrap_wraps_it(width):
    text = ("softmax([1, 2, 3]): 3 of 3 values differ from the expected ones. First difference "
            "at index 0: expected 0.09003057317038046, got 0.07142857142857142.")
    assert wrap.wrap(text, width) == textwrap.wrap(text, width)


# -- the Chinese stubs ----------------------------------------------------------------------


def _code(path: Path) -> str:
    """The stub's code: its syntax tree without the docstrings (comments are not in it)."""
    tree = ast.parse(path.read_bytes())
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(
                getattr(body[0], "value", None), ast.Constant) and isinstance(
                body[0].value.value, str):
            node.body = body[1:] or [ast.Pass()]
    return ast.dump(tree)


@pytest.mark.parametrize("name", catalog.names())
def test_each_stub_has_a_chinese_twin_with_the_same_code(name):
    english = course.stub_path(name)
    chinese = english.parent / "zh" / english.name
    assert _code(chinese) == _code(english)
    text = chinese.read_text(encoding="utf-8")
    docstring = ast.get_docstring(ast.parse(text))
    assert re.search(r"[\u4e00-\u9fff]", docstring.splitlines()[0])
    assert f"grader check {name}.py" in docstring
    english_comments = re.findall(r"^\s*# (?:TODO: )?([A-Z][a-z]+ [a-z]+ [a-z]+)", text, re.M)
    assert english_comments == []


# -- the isolation a report shows -----------------------------------------------------------


def test_every_layer_of_every_level_is_shown_in_chinese():
    from grader.boundary import confine, launch
    from grader.render.text import isolation_text

    assert confine.SECCOMP_LAYER in launch.LAYERS
    levels = [level.describe((confine.SECCOMP_LAYER, launch.THREADS_LAYER.format(n=64)))
              for level in launch.candidate_levels()]
    i18n.use(i18n.CHINESE)
    for described in levels:
        name, _, layers = described.removeprefix(launch.UNSAFE_MARK).partition(": ")
        shown = isolation_text(described).removeprefix(launch.UNSAFE_MARK)
        assert shown.startswith(name + "：")  # full-width, and the layers listed with 、
        assert "、" in shown and ", " not in shown, shown
        assert not re.search(r"[A-Za-z]{3,} [a-z]{3,}", shown.removeprefix(name)), shown
    assert "64 个线程" in isolation_text(launch.THREADS_LAYER.format(n=64))
    assert isolation_text("a layer of a later grader") == "a layer of a later grader"
    i18n.use(i18n.ENGLISH)
    assert [isolation_text(described) for described in levels] == levels
