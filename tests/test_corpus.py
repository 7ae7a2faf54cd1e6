"""Plausible learner answers, graded through the real pipeline under several seeds.

The built-in course's corpus, grader/course/builtin/corpus/: <exercise>/wrong/*.py must lose
points under every seed. Each must say the most it may score, `# ceiling: <points>`, best
followed by why (`— the tests it must fail`), so that a regression letting a wrong answer climb
towards full marks fails here. Every exercise has a hard-coder, wrong/hard_coded_examples.py
(the shown examples from a lookup table), whose ceiling is at most 20% of the points. Every
`# expect: <text>` line names text that must appear in the feedback (the targeted message for
that mistake), and every `# never: <text>` line text that must not (an answer the hints still
ration, for example). <exercise>/right/*.py are correct answers written differently: full marks.

Any <exercise>/ folder of the corpus is picked up. The files this session's tests ask for are
graded once per seed through the batch pool, which forks each grading from a warm process
instead of starting an interpreter per file.
"""

from __future__ import annotations

import re
from concurrent.futures import Future
from pathlib import Path

import pytest
from conftest import CORPUS_DIR, all_messages

from grader.batch.executor import ForkServerExecutor, TaskFailed, run_job
from grader.boundary.launch import Limits
from grader.core import grading
from grader.course import catalog
from grader.results import Result, Status

SEEDS = (20261129, 7, 424242)
WRONG = sorted(CORPUS_DIR.glob("*/wrong/*.py"))
RIGHT = sorted(CORPUS_DIR.glob("*/right/*.py"))
CEILING = re.compile(r"^# ceiling: ([0-9.]+)\b.*$", flags=re.MULTILINE)


def _id(path):
    return f"{path.parent.parent.name}/{path.stem}"


def _exercise(path: Path) -> catalog.Exercise:
    return catalog.get(path.parent.parent.name)


@pytest.fixture(scope="session")
def graded(request) -> dict[tuple[Path, int], Result | str]:
    """Every corpus file a test of this session was collected for, graded under every seed:
    the Result, or why the grader failed on it."""
    paths = sorted({item.callspec.params["path"] for item in request.session.items
                    if item.path == Path(__file__) and "graded" in item.fixturenames})
    limits = Limits()
    executor = ForkServerExecutor(task_seconds=grading.worker_budget(limits))
    futures: dict[tuple[Path, int], Future] = {}
    try:
        for path in paths:
            for seed in SEEDS:
                job = grading.make_job(path.read_bytes(), f"{_exercise(path).name}.py",
                                       _exercise(path), seed, limits)
                futures[(path, seed)] = executor.submit(run_job, job)
        results: dict[tuple[Path, int], Result | str] = {}
        for key, future in futures.items():
            try:
                results[key] = Result.from_dict(future.result())
            except TaskFailed as failure:
                results[key] = f"{failure}\n{failure.detail}"
    finally:
        executor.shutdown(cancel_futures=True)
    return results


def _results(graded, path) -> list[tuple[int, Result]]:
    pairs = []
    for seed in SEEDS:
        result = graded[(path, seed)]
        if isinstance(result, str):
            pytest.fail(f"the grader failed on {_id(path)} with seed {seed}: {result}")
        pairs.append((seed, result))
    return pairs


def test_every_corpus_folder_is_an_exercise():
    folders = {path.name for path in CORPUS_DIR.iterdir() if path.is_dir()}
    assert folders <= set(catalog.names())


@pytest.mark.parametrize("name", catalog.names())
def test_copying_the_shown_examples_earns_at_most_a_fifth(name):
    """Each exercise's corpus has a hard-coder, which returns every example the report shows
    from a lookup table; its ceiling, checked like any other, is at most 20% of the points."""
    path = CORPUS_DIR / name / "wrong" / "hard_coded_examples.py"
    assert path.is_file(), f"{name} has no hard-coder in its corpus"
    ceilings = CEILING.findall(path.read_text())
    assert ceilings and float(ceilings[0]) <= 0.2 * catalog.get(name).points


@pytest.mark.parametrize("path", WRONG, ids=_id)
def test_wrong_answer_loses_points_with_its_message(graded, path):
    source = path.read_text()
    ceilings = CEILING.findall(source)
    assert len(ceilings) == 1, "a wrong answer states its ceiling: `# ceiling: N — why`"
    ceiling = float(ceilings[0])
    expected = re.findall(r"^# expect: (.+)$", source, flags=re.MULTILINE)
    never = re.findall(r"^# never: (.+)$", source, flags=re.MULTILINE)
    for seed, result in _results(graded, path):
        assert result.status is not Status.PASSED, f"a wrong answer got full marks (seed {seed})"
        assert result.score < result.max_score
        assert result.score <= ceiling, \
            f"scored {result.score:g} with seed {seed}, above its ceiling {ceiling:g}"
        messages = all_messages(result)
        for text in expected:
            assert text.strip() in messages, f"missing targeted message {text!r} (seed {seed})"
        for text in never:
            assert text.strip() not in messages, f"the feedback says {text!r} (seed {seed})"


@pytest.mark.parametrize("path", RIGHT, ids=_id)
def test_correct_variant_gets_full_marks(graded, path):
    for seed, result in _results(graded, path):
        failures = [f"{t.name}: {t.message}" for t in result.tests
                    if t.status is not Status.PASSED and not t.optional]
        assert result.status is Status.PASSED, \
            f"seed {seed}:\n" + ("\n".join(failures) or result.message or "")
