"""The corpus of wrong answers graded in Chinese, for the exercises whose suites are translated:
each targeted message (`# expect:`) appears in Chinese, with the glossary's terms, and no English
sentence leaks into the feedback, its test names included."""

from __future__ import annotations

import re
from concurrent.futures import Future
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from conftest import CORPUS_DIR, all_messages
from test_i18n_course import GLOSSARY, glossary, prose

from grader import i18n
from grader.batch.executor import ForkServerExecutor, TaskFailed, run_job
from grader.boundary.launch import Limits
from grader.core import grading
from grader.course import catalog
from grader.results import Result

ROOT = Path(__file__).resolve().parent.parent
CATALOGS = (ROOT / "grader" / "course" / "builtin" / "locale" / "zh" / "LC_MESSAGES" / "course.po",
            ROOT / "grader" / "locale" / "zh" / "LC_MESSAGES" / "nn_grader.po")
TRANSLATED = ("and_perceptron", "or_perceptron", "not_perceptron", "xor_perceptron",
              "perceptron_step", "softmax",
              "cross_entropy", "gradient_descent", "squared_error", "backprop",
              "one_hot", "neural_network", "multiclass_cross_entropy",
              "activations", "sentiment_network", "early_stopping",
              "sgd_momentum", "dropout", "regularization")
WRONG = sorted(path for name in TRANSLATED for path in (CORPUS_DIR / name / "wrong").glob("*.py"))
SEED = 20261129
# English words in a row, at least two, with a word only a sentence has (names side by side,
# such as a title or a call, have none); code in backquotes and paths are left out first.
ENGLISH_RUN = re.compile(r"(?<![\w./-])[A-Za-z][A-Za-z'’]*(?: +[A-Za-z][A-Za-z'’]*)+(?![\w./(-])")
FUNCTION_WORDS = set("a an the is are was were be been not no of to in on at for from with by "
                     "and or but it its this that your you has have can cannot could will "
                     "would there what which".split())
NOT_PROSE = re.compile(r"`[^`]*`|\S*[/\\]\S*")
# What the learner's code raised, quoted as Python said it (`抛出了 TypeError: ...`): not ours.
RAISED = re.compile(r"\b[A-Z]\w*(?:Error|Exception|Warning): [^\n]*")
# The learner's own line of code a traceback frame quotes (`第 6 行，在 likelihood 中：...`).
QUOTED_CODE = re.compile(r"第 \d+ 行[^：\n]*：[^\n]*")
# A test's input data shown as Python writes a string ('great acting\tand a fine plot'): a
# review, not a sentence of ours.
QUOTED_STRING = re.compile(r"(?<!\w)'[^'\n]*'")
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def english_sentences(text: str) -> list[str]:
    text = QUOTED_STRING.sub(" ", QUOTED_CODE.sub(" ", text))
    prose = NOT_PROSE.sub(" ", " ".join(RAISED.sub(" ", text).split()))
    # Gates written in capitals (NOT XOR, x1 OR NOT x2) are names, not sentences.
    return [run for run in ENGLISH_RUN.findall(prose)
            if FUNCTION_WORDS & set(run.lower().split()) and not run.isupper()]


def chinese_catalog() -> dict[str, str]:
    """English message (its plural form for a counted one) -> its Chinese, the course's first."""
    found: dict[str, str] = {}
    for path in reversed(CATALOGS):
        with path.open("rb") as source:
            for message in read_po(source):
                if message.id:
                    english = message.id if isinstance(message.id, str) else message.id[-1]
                    chinese = message.string if isinstance(message.string, str) \
                        else message.string[0]
                    found[english] = chinese
    return found


CHINESE = chinese_catalog()


def pattern(english: str) -> re.Pattern:
    """The message as it reads once its placeholders are filled in, on one line."""
    parts = PLACEHOLDER.split(english)
    return re.compile(r"[^\n]+?".join(re.escape(part) for part in parts))


# The messages long enough to be told apart (not a list's " and " or "{first} {second}").
PATTERNS = {english: pattern(english) for english in CHINESE
            if len("".join(PLACEHOLDER.split(english)).strip()) >= 12}


def saying(english_feedback: str, expected: str) -> list[str]:
    """The messages whose filled-in text holds `expected` in the English feedback."""
    start = english_feedback.find(expected)
    assert start >= 0, f"the English feedback does not say {expected!r}"
    end = start + len(expected)
    return [english for english, found in PATTERNS.items()
            if any(match.start() < end and match.end() > start
                   for match in found.finditer(english_feedback))]


def shown_in(chinese: str, feedback: str) -> bool:
    """`chinese` is in the feedback once its placeholders are filled in: every literal part."""
    parts = [part.strip() for part in PLACEHOLDER.split(chinese)]
    return all(part in feedback for part in parts if part)


@pytest.fixture(scope="module")
def graded() -> dict[tuple[Path, str], Result | str]:
    """Every wrong answer of the translated exercises, graded in Chinese and in English (to
    find which message says a targeted text) through the pool."""
    limits = Limits()
    executor = ForkServerExecutor(task_seconds=grading.worker_budget(limits))
    futures: dict[tuple[Path, str], Future] = {}
    try:
        for lang in i18n.LANGUAGES:
            i18n.use(lang)
            for path in WRONG:
                exercise = catalog.get(path.parent.parent.name)
                job = grading.make_job(path.read_bytes(), f"{exercise.name}.py", exercise,
                                       SEED, limits)
                futures[(path, lang)] = executor.submit(run_job, job)
        results: dict[tuple[Path, str], Result | str] = {}
        for key, future in futures.items():
            try:
                results[key] = Result.from_dict(future.result())
            except TaskFailed as failure:
                results[key] = f"{failure}\n{failure.detail}"
    finally:
        executor.shutdown(cancel_futures=True)
        i18n.use(i18n.ENGLISH)
    return results


def test_the_corpus_of_the_translated_exercises_is_there():
    assert {path.parent.parent.name for path in WRONG} == set(TRANSLATED)
    assert len(WRONG) >= 30


@pytest.mark.parametrize("path", WRONG, ids=lambda path: f"{path.parent.parent.name}/{path.stem}")
def test_a_wrong_answer_graded_in_chinese_says_its_targeted_message_in_chinese(graded, path):
    result, english = graded[(path, i18n.CHINESE)], graded[(path, i18n.ENGLISH)]
    assert not isinstance(result, str), result
    assert not isinstance(english, str), english
    assert result.lang == "zh"
    feedback = all_messages(result)
    names = "\n".join(test.name for test in result.tests)
    terms = glossary(GLOSSARY)
    for expected in re.findall(r"^# expect: (.+)$", path.read_text(), flags=re.MULTILINE):
        expected = expected.strip()
        sources = saying(all_messages(english), expected)
        assert sources, f"no message of the catalogs says {expected!r}"
        # The most specific message saying it (not "Likely cause: {cause}" around it).
        said = max(sources, key=lambda english: len("".join(PLACEHOLDER.split(english))))
        assert shown_in(CHINESE[said], feedback), \
            f"{said!r} is not said in Chinese:\n{feedback}"
        if english_sentences(expected):  # code, such as `sse(`, reads the same in Chinese
            assert expected not in feedback
        for english_forms, chinese_forms in terms:
            if any(re.search(rf"(?<![\w-]){re.escape(form)}(?![\w-])", prose(said))
                   for form in english_forms) and english_forms[0] != "class":
                assert any(form.lower() in feedback.lower() for form in chinese_forms), \
                    (english_forms[0], feedback)
    assert english_sentences(feedback + "\n" + names) == []
    assert re.search(r"[\u4e00-\u9fff]", names)


def test_the_detector_finds_an_english_sentence_and_passes_over_code():
    assert english_sentences("可能的原因：you divided by the sum twice.") != []
    assert english_sentences("softmax([1]) 抛出了 TypeError: can only concatenate list") == []
    assert english_sentences("应当用 np.exp(L)，而不是 L**2；你的 `return` 在循环里。") == []
    assert english_sentences("第 6 行，在 likelihood 中：return [p for y, p in zip(Y, P)]") == []
    assert english_sentences("net.run('great acting\\tand a fine plot')：期望值为 1") == []
    assert english_sentences("抛出了 ValueError: ambiguous\n  第 6 行，在 best_epoch 中：if not "
                             "errors:\n可能的原因：you wrote if not errors.") != []
    assert english_sentences("抛出了 ValueError: ambiguous\n  第 6 行，在 best_epoch 中：if not "
                             "errors:\n可能的原因：数组不行。") == []
