"""The checks of a course folder speak the language of the command that reads them.

A broken course.toml is reported by every command given the course (`list`, `dev check`,
`report`): in Chinese with --lang zh, in English with --lang en, in one process, whatever
language was spoken when the course was first checked.

The English detector of test_i18n_cli.py passes over the built-in course's own texts only, so
an English check (grader/course/catalog.py) is a leak.
"""

from __future__ import annotations

import pytest
import test_course_folders
from test_course_folders import LAST_HINT, NAME, _broken
from test_i18n_cli import english_afterwards, english_sentences  # noqa: F401 (a fixture)

from grader import i18n
from grader.course import catalog

course = test_course_folders.course  # the fixture: a course of two exercises made by `grader new`


# A mistake in course.toml and the whole Chinese sentence that reports it ({toml}: the file).
BROKEN = {
    "points not positive": (
        lambda c: _broken(c, "points = 10", "points = -1"),
        "{toml}：练习“my_double”的分值必须是正数，而它是 -1。"),
    "missing title": (
        lambda c: _broken(c, 'title = "My double"\n', ""),
        "{toml}：练习“my_double”没有标题；请添加 title = \"...\"，即练习的标题。"),
    "unknown field": (
        lambda c: _broken(c, "points = 10", "points = 10\npionts = 10"),
        "{toml}：练习“my_double”有未知字段“pionts”；可用的字段有：name、title、section、points、"
        "task、hints、equivalent。"),
    "a hint that is not text": (
        lambda c: _broken(c, "hints = [\n", "hints = [\n    3,\n"),
        "{toml}：练习“my_double”的第 1 条提示必须是非空文本，而它是 3。"),
    "empty hint list": (
        lambda c: _broken(c, "hints = [\n", "hints = [\n]\nunused = [\n"),
        "{toml}：练习“my_double”的提示列表是空的；请至少给它一条提示。"),
    "no name": (
        lambda c: _broken(c, 'name = "my_double"\n', ""),
        "{toml}：第 1 个练习没有名称；请添加 name = \"...\"，一个 Python 标识符"),
    "two exercises with one name": (
        lambda c: _broken(c, 'name = "my_triple"', 'name = "my_double"'),
        "{toml}：第 1 个和第 2 个练习都名为“my_double”；每个名称必须唯一。"),
    "missing suite": (
        lambda c: (c / "suites" / "test_my_double.py").unlink(),
        "{toml}：练习“my_double”没有测试套件：{course}/suites/test_my_double.py 不存在。"),
    "equivalent mutant without a reason": (
        lambda c: _broken(c, LAST_HINT, LAST_HINT + '[[exercise.equivalent]]\nmutant = "m1"\n'),
        "{toml}：练习“my_double”的第 1 个等价变异体需要一个理由（reason），即一段非空文本，"
        "说明它为什么与参考答案算出的结果相同，但这里没有填写。"),
    "unknown table": (
        lambda c: _broken(c, "[course]\n", "[curse]\n"),
        "{toml}：未知的表或键“curse”；课程文件只包含一个 [course] 表和若干 [[exercise]] 表"),
    "no exercise": (
        lambda c: (c / "course.toml").write_text('[course]\ntitle = "Empty"\n'),
        "{toml} 中没有列出任何练习；请添加一个 [[exercise]] 表"),
}


@pytest.mark.parametrize("case", BROKEN, ids=list(BROKEN))
def test_each_mistake_in_course_toml_is_reported_in_chinese(run_cli, course, case):
    breaking, chinese = BROKEN[case]
    breaking(course)
    outcome = run_cli("--lang", "zh", "--course", course, "list")
    assert outcome.exit_code == 2
    assert outcome.stderr.startswith(f"grader：{course} 中的课程（由 --course 指定）无法使用："
                                     "\n  - "), outcome.stderr
    assert chinese.format(toml=course / "course.toml", course=course) in outcome.stderr, \
        outcome.stderr
    assert english_sentences(outcome.stderr) == []


def test_the_detector_counts_an_english_check_as_a_leak(run_cli, course):
    _broken(course, "points = 10", "points = -1")
    english = run_cli("--lang", "en", "--course", course, "list").stderr
    assert "must be a positive number, and they are -1." in english
    assert english_sentences(english) != []


def test_the_same_broken_course_speaks_each_commands_language_in_one_process(run_cli, course):
    _broken(course, "points = 10", "points = 0")
    (course / "suites" / "test_my_triple.py").unlink()
    en, zh, en_again, zh_again = (run_cli("--lang", lang, "--course", course, "list")
                                  for lang in ("en", "zh", "en", "zh"))
    assert (en.exit_code, zh.exit_code) == (2, 2)
    assert "the points of exercise \u201cmy_double\u201d must be a positive number, and they " \
        "are 0." in en.stderr
    assert f"exercise \u201cmy_triple\u201d has no suite: {course}/suites/test_my_triple.py " \
        "is missing." in en.stderr
    assert "练习" not in en.stderr
    assert "练习“my_double”的分值必须是正数，而它是 0。" in zh.stderr
    assert f"练习“my_triple”没有测试套件：{course}/suites/test_my_triple.py 不存在。" in zh.stderr
    assert english_sentences(zh.stderr) == []
    assert (en_again.stderr, zh_again.stderr) == (en.stderr, zh.stderr)


def test_a_course_checked_in_english_is_reported_in_the_language_spoken_when_read(course):
    """The problems are kept as messages and translated when shown, so a check made before
    the language is chosen (or cached) does not fix its language."""
    _broken(course, 'section = "My double"', "section = 3")
    with pytest.raises(catalog.CourseError) as raised:
        catalog.load(course)
    toml = course / "course.toml"
    english = f"{toml}: the section of exercise \u201cmy_double\u201d must be a non-empty text, " \
        "and it is 3."
    assert raised.value.problems == [english]
    i18n.use(i18n.CHINESE)
    assert raised.value.problems == [f"{toml}：练习“my_double”的章节（section）必须是非空文本，"
                                     "而它是 3。"]
    assert str(raised.value) == raised.value.problems[0]
    i18n.use(i18n.ENGLISH)
    assert str(raised.value) == english


def test_a_folder_that_is_not_a_course_is_reported_in_chinese(run_cli, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    said = [run_cli("--lang", "zh", "--course", empty, "list").stderr,
            run_cli("--lang", "zh", "--course", tmp_path / "absent", "list").stderr]
    assert f"  - {empty} 不是课程文件夹：其中没有 course.toml。" in said[0]
    assert f"  - {tmp_path / 'absent'} 不是课程文件夹：没有这个文件夹。" in said[1]
    (empty / "course.toml").write_bytes(b'[course]\ntitle = "\xff"\n')
    said.append(run_cli("--lang", "zh", "--course", empty, "list").stderr)
    assert f"{empty / 'course.toml'} 不是 UTF-8 文本；请把它另存为 UTF-8。" in said[2]
    assert [english_sentences(text) for text in said] == [[]] * 3


def test_dev_check_and_report_report_a_broken_course_in_chinese(run_cli, course, tmp_path):
    _broken(course, "points = 10", "points = 10\npionts = 10")
    (tmp_path / "class" / "li-lei").mkdir(parents=True)
    (tmp_path / "class" / "li-lei" / f"{NAME}.py").write_text("def my_double(v):\n    return v\n")
    said = []
    for args in (["dev", "check"], ["report", tmp_path / "class", "-o", tmp_path / "out"]):
        outcome = run_cli("--lang", "zh", "--course", course, *args)
        assert outcome.exit_code == 2
        assert "练习“my_double”有未知字段“pionts”" in outcome.stderr, outcome.stderr
        said.append(outcome.stderr)
    assert [english_sentences(text) for text in said] == [[]] * 2
    assert not (tmp_path / "out").exists()


def test_an_unknown_exercise_is_named_in_the_language_spoken():
    unknown = catalog.UnknownExercise("sofmax", ["softmax", "one_hot"])
    assert str(unknown) == "unknown exercise 'sofmax'; choose one of: softmax, one_hot"
    i18n.use(i18n.CHINESE)
    assert str(unknown) == "没有名为 'sofmax' 的练习；请从这些练习中选择：softmax、one_hot"
