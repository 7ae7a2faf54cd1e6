"""Golden cases: what a learner sees in the terminal, word for word, for each scenario under
tests/cases/<scenario>/ (the submission, named for its exercise, and expected.txt: the output of
`grader check FILE --seed 20261129` with its exit code, folders normalised to <tmp>). Under
other seeds the verdict must be the same, test by test: only a hidden test's message may differ,
where it names the random input the learner's code raised on.

After a deliberate change to what the grader says, regenerate them and review the diff:

    NN_GRADER_REGEN=1 pytest tests/test_cases.py && git diff tests/cases
"""

from __future__ import annotations

import os
import shutil

import pytest
from conftest import CASES_DIR

SEED = "20261129"
OTHER_SEEDS = ("7", "424242")
SCENARIOS = sorted(path for path in CASES_DIR.iterdir() if path.is_dir())


def _submission(scenario):
    files = sorted(scenario.glob("*.py"))
    assert len(files) == 1, f"{scenario.name} must hold exactly one submission"
    return files[0]


def _normalised(text: str, folder) -> str:
    return text.replace(str(folder), "<tmp>")


def test_there_are_cases():
    assert {"full-marks", "stub", "syntax-error", "wrong-log10"} <= {s.name for s in SCENARIOS}


def _verdicts(text: str) -> list[str]:
    """Each test's line (mark, name, points), the score and the exit code: not the messages."""
    return [line for line in text.splitlines()
            if not line.startswith("    ") and not line.startswith("Report:")]


def _output(run_cli, tmp_path, source, seed):
    outcome = run_cli("check", source.name, "--seed", seed)
    assert outcome.stderr == ""
    return _normalised(outcome.stdout, tmp_path) + f"exit code: {outcome.exit_code}\n"


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda path: path.name)
def test_output_matches_the_golden_case(run_cli, tmp_path, scenario):
    source = _submission(scenario)
    shutil.copyfile(source, tmp_path / source.name)
    actual = _output(run_cli, tmp_path, source, SEED)
    expected_path = scenario / "expected.txt"
    if os.environ.get("NN_GRADER_REGEN") == "1":
        expected_path.write_text(actual, encoding="utf-8")
    assert expected_path.is_file(), f"no {expected_path}: run with NN_GRADER_REGEN=1"
    assert actual == expected_path.read_text(encoding="utf-8")
    for seed in OTHER_SEEDS:
        other = _output(run_cli, tmp_path, source, seed)
        assert _verdicts(other) == _verdicts(actual), f"another verdict with --seed {seed}"
