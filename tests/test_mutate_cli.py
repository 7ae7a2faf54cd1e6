"""`grader dev mutate` on a course made by `grader new`: a suite that lets a slip through
gets exit 1 and the survivor's diff, marking that survivor equivalent (with a reason) makes it
pass, and a rerun takes every outcome from the cache without grading anything."""

from __future__ import annotations

import json

import pytest

from grader.course import mutate
from grader.course.mutants import mutants

NAME = "my_double"
DTYPE_LEFT_OUT = "    -    return 2 * np.asarray(values, dtype=float)\n" \
                 "    +    return 2 * np.asarray(values)\n"


@pytest.fixture
def course(run_cli, tmp_path, monkeypatch):
    monkeypatch.setenv(mutate.CACHE_ENV, str(tmp_path / "cache"))
    folder = tmp_path / "course"
    assert run_cli("--course", folder, "new", NAME).exit_code == 0
    return folder


def _survivor_id(stdout: str) -> str:
    return json.loads(stdout)["exercises"][0]["survivors"][0]["id"]


def test_a_survivor_fails_the_run_and_is_shown_as_a_diff(run_cli, course):
    outcome = run_cli("--course", course, "dev", "mutate", "--jobs", "2")
    assert outcome.exit_code == 1, outcome.stderr
    lines = outcome.stdout.splitlines()
    assert lines[0].split() == ["exercise", "made", "equivalent", "killed", "survived",
                                "score"]
    name, made, equivalent, killed, survived, score = lines[1].split()
    assert (name, equivalent, survived) == (NAME, "0", "1")
    assert int(killed) == int(made) - 1 >= 5
    assert f"{NAME}: 1 mutant survived (it got full marks):" in lines
    assert DTYPE_LEFT_OUT in outcome.stdout
    assert f"  {NAME}:drop-keyword:" in outcome.stdout
    assert "1 exercise falls short of 95% or has a problem: my_double." in outcome.stdout


def test_marking_the_survivor_equivalent_makes_the_suite_pass_and_a_rerun_uses_the_cache(
        run_cli, course, monkeypatch):
    first = run_cli("--course", course, "dev", "mutate", "--format", "json")
    assert first.exit_code == 1
    survivor = _survivor_id(first.stdout)
    with open(course / "course.toml", "a", encoding="utf-8") as file:
        file.write(f'\n[[exercise.equivalent]]\nmutant = "{survivor}"\nreason = "the suite '
                   'passes floats, and 2 * an int array has the same values"\n')

    def no_pool(*args, **kwargs):
        raise AssertionError("the rerun graded a mutant instead of using the cache")

    monkeypatch.setattr(mutate, "ForkServerExecutor", no_pool)
    again = run_cli("--course", course, "dev", "mutate", "--format", "json")
    assert again.exit_code == 0, again.stdout
    row = json.loads(again.stdout)["exercises"][0]
    assert (row["equivalent"], row["survived"], row["score"], row["reached"]) == (1, 0, 100, True)
    text = run_cli("--course", course, "dev", "mutate")
    assert text.exit_code == 0
    assert "The exercise reaches 95%" in text.stdout
    # A changed suite is a new suite: its outcomes cannot come from the cache.
    suite = course / "suites" / f"test_{NAME}.py"
    suite.write_text(suite.read_text() + "\n# changed\n")
    with pytest.raises(AssertionError, match="instead of using the cache"):
        run_cli("--course", course, "dev", "mutate")


def test_an_equivalent_entry_the_suite_kills_is_a_problem(run_cli, course):
    solution = (course / "solutions" / f"{NAME}.py").read_text()
    none_id = next(mutant.id for mutant in mutants(solution).made
                   if mutant.kind == "return-none")
    with open(course / "course.toml", "a", encoding="utf-8") as file:
        file.write(f'\n[[exercise.equivalent]]\nmutant = "{none_id}"\nreason = "wrong"\n'
                   '\n[[exercise.equivalent]]\nmutant = "my_double:gone:00000000"\n'
                   'reason = "stale"\n')
    outcome = run_cli("--course", course, "dev", "mutate", "--min-score", "0")
    assert outcome.exit_code == 1
    assert f"course.toml marks {none_id} as equivalent, but the suite kills it" \
        in outcome.stdout
    assert "course.toml marks my_double:gone:00000000 as equivalent, but no mutant of the " \
           "solution has that id now" in outcome.stdout


@pytest.mark.parametrize("args, message", [
    (["nothing_here"], "nothing_here"),
    (["--min-score", "101"], "--min-score"),
    (["--jobs", "0"], "--jobs"),
    (["--format", "xml"], "--format"),
])
def test_usage_errors_exit_2(run_cli, course, args, message):
    outcome = run_cli("--course", course, "dev", "mutate", *args)
    assert outcome.exit_code == 2
    assert message in outcome.stderr


def test_more_mutants_than_the_cap_are_sampled_and_the_output_says_so(run_cli, course):
    outcome = run_cli("--course", course, "dev", "mutate", "--max-mutants", "3")
    assert outcome.stdout.splitlines()[1].split()[:2] == [NAME, "3"]
    assert f"{NAME}: 3 of its 8 mutants were graded, chosen by their ids, the same ones on " \
           "every run (--max-mutants grades more)." in outcome.stdout
