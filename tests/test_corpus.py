"""Plausible learner answers, graded through the real pipeline.

tests/corpus/<exercise>/wrong/*.py must lose points, and every `# expect: <text>` line in such a
file names text that must appear in the feedback (the targeted message for that mistake). A
`# ceiling: <points>` line is the most that wrong answer may score: reasoned from the tests it
must fail, so that a regression letting it climb towards full marks fails here.
tests/corpus/<exercise>/right/*.py are correct answers written differently: full marks.
"""

from __future__ import annotations

import re

import pytest
from conftest import CORPUS_DIR, all_messages, grade

from grader.results import Status

WRONG = sorted(CORPUS_DIR.glob("*/wrong/*.py"))
RIGHT = sorted(CORPUS_DIR.glob("*/right/*.py"))


def _id(path):
    return f"{path.parent.parent.name}/{path.stem}"


@pytest.mark.parametrize("path", WRONG, ids=_id)
def test_wrong_answer_loses_points_with_its_message(path):
    exercise = path.parent.parent.name
    result = grade(path, exercise)
    assert result.status is not Status.PASSED, "a wrong answer got full marks"
    assert result.score < result.max_score
    messages = all_messages(result)
    source = path.read_text()
    for expected in re.findall(r"^# expect: (.+)$", source, flags=re.MULTILINE):
        assert expected.strip() in messages, f"missing targeted message {expected!r}"
    for ceiling in re.findall(r"^# ceiling: (.+)$", source, flags=re.MULTILINE):
        assert result.score <= float(ceiling), f"scored {result.score:g}, above its ceiling"


@pytest.mark.parametrize("path", RIGHT, ids=_id)
def test_correct_variant_gets_full_marks(path):
    result = grade(path, path.parent.parent.name)
    failures = [f"{t.name}: {t.message}" for t in result.tests if t.status is not Status.PASSED
                and not t.optional]
    assert result.status is Status.PASSED, "\n".join(failures) or result.message
