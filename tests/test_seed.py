"""The same code gets the same grade: without --seed, a submission's seed comes from its content
and the suite's version, in `grader check` and in `grader report` alike."""

from __future__ import annotations

import io
import json
import shutil

from conftest import CORPUS_DIR

from grader.batch import run, store
from grader.core import grading

# A wrong answer whose score depended on the random inputs before seeds were derived (4 to 6).
WRONG = CORPUS_DIR / "perceptron_step" / "wrong" / "last_point_skipped.py"


def _check_json(run_cli, *args):
    outcome = run_cli("check", "perceptron_step.py", "--format", "json", *args)
    assert outcome.exit_code == 1, outcome.stderr
    return json.loads(outcome.stdout)


def _verdicts(result):
    return [(test["id"], test["status"], test["score"]) for test in result["tests"]]


def test_checking_the_same_file_twice_gives_the_same_seed_and_grade(run_cli, tmp_path):
    shutil.copyfile(WRONG, tmp_path / "perceptron_step.py")
    first = _check_json(run_cli)
    second = _check_json(run_cli)
    assert first["seed"] == second["seed"]
    assert (first["score"], _verdicts(first)) == (second["score"], _verdicts(second))


def test_a_changed_file_draws_another_seed(run_cli, tmp_path):
    path = tmp_path / "perceptron_step.py"
    shutil.copyfile(WRONG, path)
    before = _check_json(run_cli)["seed"]
    path.write_text(WRONG.read_text() + "# one more line\n")
    assert _check_json(run_cli)["seed"] != before


def test_the_seed_option_still_wins(run_cli, tmp_path):
    shutil.copyfile(WRONG, tmp_path / "perceptron_step.py")
    assert _check_json(run_cli, "--seed", "5")["seed"] == 5


def test_a_new_suite_version_draws_another_seed(tmp_path, monkeypatch):
    empty = tmp_path / "softmax.py"  # ungradable, so no worker runs, but it has its seed
    empty.write_text("")
    seeds = []
    for version in ("suite-a", "suite-b", "suite-a"):
        monkeypatch.setattr(grading, "suite_version", lambda name, version=version: version)
        seeds.append(grading.grade(empty).seed)
    assert seeds[0] == seeds[2] != seeds[1]


def test_a_class_gives_identical_files_identical_grades_and_check_agrees(tmp_path):
    source = WRONG.read_bytes()
    for learner, text in (("ann", source), ("ben", source), ("cat", source + b"# mine\n")):
        (tmp_path / "in" / learner).mkdir(parents=True)
        (tmp_path / "in" / learner / "perceptron_step.py").write_bytes(text)
    run.grade_class(tmp_path / "in", tmp_path / "out", jobs=2, progress=io.StringIO())
    records = {key[0]: record for key, record in store.Store(tmp_path / "out").load().items()}
    ann, ben, cat = (records[name].result for name in ("ann", "ben", "cat"))
    assert ann.seed == ben.seed != cat.seed
    assert ann.score == ben.score
    assert [(t.id, t.status, t.message) for t in ann.tests] == \
        [(t.id, t.status, t.message) for t in ben.tests]
    alone = grading.grade(tmp_path / "in" / "ann" / "perceptron_step.py")
    assert (alone.seed, alone.score) == (ann.seed, ann.score)
