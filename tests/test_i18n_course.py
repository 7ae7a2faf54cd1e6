"""The course's own words in Chinese: the built-in course's catalog (domain `course`) is complete
and current, uses the glossary, and is the one a learner reads, before the grader's own; a
custom course's catalog is looked up the same way."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import catalogs
import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from catalogs import babel_problems, forms, glossary, messages, translations

from grader import i18n
from grader.course import catalog

ROOT = Path(__file__).resolve().parent.parent
COURSE = ROOT / "grader" / "course" / "builtin"
PO = COURSE / "locale" / "zh" / "LC_MESSAGES" / "course.po"
POT = COURSE / "locale" / "course.pot"
GLOSSARY = ROOT / "grader" / "locale" / "glossary-zh.tsv"
# The extraction command for a course (docs/course-authors.md, "Translations"), run in its folder.
EXTRACT = ["extract", "-F", "babel.cfg", "-k", "counted:2,3", "--add-location=file",
           "--sort-output", "-w", "100", "--project", "nn-grader-course",
           "--copyright-holder", "nn-grader"]
PLACEHOLDER = re.compile(r"\{(\w*)[^{}]*\}")
# In a course about neural networks "class" is a category or a Python class, never a class of
# learners (the glossary's 班级).
NOT_THE_GLOSSARY_SENSE = {"class"}


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    i18n.use(i18n.ENGLISH)
    catalog.use(None)








def course_toml_texts() -> set[str]:
    data = tomllib.loads((COURSE / "course.toml").read_text(encoding="utf-8"))
    texts = {data["course"]["title"], data["course"]["description"]}
    for exercise in data["exercise"]:
        texts |= {exercise["title"], exercise["section"], exercise["task"], *exercise["hints"]}
    return texts


# -- the catalog ----------------------------------------------------------------------------


def test_every_course_message_has_a_chinese_translation_that_is_not_fuzzy():
    found = messages(PO)
    untranslated = [forms(m)[0] for m in found if not all(translations(m))]
    fuzzy = [forms(m)[0] for m in found if m.fuzzy]
    assert untranslated == [] and fuzzy == []
    assert babel_problems(PO) == []


def test_every_title_section_task_and_hint_of_course_toml_is_in_the_catalog():
    assert len(course_toml_texts()) > 100
    assert course_toml_texts() <= {forms(m)[0] for m in messages(PO)}


def test_every_placeholder_of_the_english_is_kept_in_the_chinese():
    wrong = []
    for message in messages(PO):
        english = set(PLACEHOLDER.findall(forms(message)[-1]))
        known = set(PLACEHOLDER.findall(" ".join(forms(message))))
        for chinese in translations(message):
            if not english <= set(PLACEHOLDER.findall(chinese)) <= known:
                wrong.append((forms(message)[0], chinese))
    assert wrong == []


def test_a_fresh_extraction_of_the_course_finds_exactly_the_messages_of_the_catalog(tmp_path):
    """Nothing marked in a suite or written in course.toml is missing from the catalog, and
    nothing in the catalog is gone from the course (after a change, run the commands of
    docs/course-authors.md)."""
    extracted = catalogs.extracted(COURSE, EXTRACT, tmp_path / "fresh.pot")
    assert extracted == {forms(m) for m in messages(POT)}
    assert extracted == {forms(m) for m in messages(PO)}


def test_the_course_chinese_uses_full_width_punctuation():
    assert catalogs.ascii_punctuated(PO) == []




def prose(english: str) -> str:
    """The words of a message a translation says in Chinese, lower case: code, file names and
    placeholders are not translated, so they are left out."""
    return re.sub(r"`[^`]*`|\{[^{}]*\}|\S*[./_]\S*|\"\w+\"|\b[A-Z]{2,}\b", " ", english).lower()


def test_a_course_message_using_a_glossary_term_is_translated_with_it():
    missing = []
    for message in messages(PO):
        words = prose(" ".join(forms(message)))
        for english_forms, chinese_forms in glossary(GLOSSARY):
            used = [form for form in english_forms
                    if re.search(rf"(?<![\w-]){re.escape(form)}(?![\w-])", words)]
            # A Latin term may open a sentence: Softmax is softmax.
            if used and english_forms[0] not in NOT_THE_GLOSSARY_SENSE and not any(
                    chinese.lower() in translation.lower() for chinese in chinese_forms
                    for translation in translations(message)):
                missing.append((english_forms[0], forms(message)[0]))
    assert missing == []


# -- the lookup -----------------------------------------------------------------------------


def test_the_built_in_course_texts_are_read_from_the_compiled_course_catalog():
    i18n.use(i18n.CHINESE)
    softmax = catalog.get("softmax")
    assert i18n._(softmax.title) == "Softmax 函数"
    assert i18n._(softmax.hints[-1]).startswith("得分很大时会溢出")
    # The grader's own words still come from its catalog, behind the course's.
    assert i18n._("Score: {score}/{max_score}") == "得分：{score}/{max_score}"


def compiled(locale: Path, domain: str, texts: dict[str, str]) -> None:
    folder = locale / "zh" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    translated = Catalog(locale="zh")
    for english, chinese in texts.items():
        translated.add(english, chinese)
    with (folder / f"{domain}.mo").open("wb") as target:
        write_mo(target, translated)


def custom_course(root: Path) -> catalog.Course:
    return catalog.Course(root=root, title="Sorting", description="", exercises=(),
                          stubs_dir=root / "exercises", solutions_dir=root / "solutions")


def test_a_custom_course_is_translated_by_its_own_catalog_then_the_grader_s(tmp_path):
    compiled(tmp_path / "locale", "course", {"Sorting": "排序",
                                             "Score: {score}/{max_score}": "分数：{score}"})
    i18n.use(i18n.CHINESE)
    catalog.use(custom_course(tmp_path))
    assert i18n._("Sorting") == "排序"
    # The course's catalog comes first, even for a sentence the grader translates too.
    assert i18n._("Score: {score}/{max_score}") == "分数：{score}"
    assert i18n.counted(3, "{n} test could not run.", "{n} tests could not run.") == \
        "3 个测试无法运行。"
    # The built-in course's words are not the custom course's.
    assert i18n._("Softmax") == "Softmax"
    catalog.use(None)
    assert i18n._("Sorting") == "Sorting" and i18n._("Softmax") == "Softmax 函数"


def test_a_course_without_translations_speaks_its_own_english_and_the_grader_s_chinese(
        tmp_path):
    i18n.use(i18n.CHINESE)
    catalog.use(custom_course(tmp_path))
    assert i18n._("Sorting") == "Sorting"
    assert i18n._("Score: {score}/{max_score}") == "得分：{score}/{max_score}"


# -- the commands ---------------------------------------------------------------------------


def test_list_shows_the_chinese_titles(run_cli):
    shown = run_cli("--lang", "zh", "list")
    assert shown.exit_code == 0
    for title in ("与运算感知器", "Softmax 函数", "交叉熵", "反向传播", "带降噪的情感分析网络"):
        assert title in shown.stdout
    assert "AND perceptron" not in shown.stdout and "Cross entropy" not in shown.stdout


def test_hint_shows_the_chinese_hint_of_the_course(run_cli):
    shown = run_cli("--lang", "zh", "hint", "softmax")
    assert shown.exit_code == 0
    flat = re.sub(r"\s+", "", shown.stdout)
    assert "每个概率等于exp(L[i])除以所有j的exp(L[j])之和" in flat
    assert "Softmax函数" in flat and "Each probability" not in shown.stdout
