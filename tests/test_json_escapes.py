"""JSON the grader prints or writes is safe to show in a terminal.

JSON escapes the C0 controls (ESC among them) but not DEL, the C1 controls (U+009B starts an
escape sequence as ESC [ does, in terminals that read UTF-8) or the bidirectional overrides, so a
learner's exception message, output or folder name carried them raw into `grader check --format
json`, `cat results.jsonl` and the Gradescope files. Each is now written as a \\u escape: the
decoded strings are the very ones the learner's code made."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from grader import cli

RAW = "\x9b2J\x9d52;c;ZXZpbA==\x07\u202egnp.exe\x7f"
LEARNER = "cat" + RAW
SOURCE = f'''print({RAW!r})


def softmax(L):
    raise ValueError({RAW!r})
'''


def _raw_controls(text: str) -> list[str]:
    return [character for character in set(text) if character in RAW
            and not character.isprintable()]


def test_check_prints_json_without_raw_controls(tmp_path):
    (tmp_path / "softmax.py").write_text(SOURCE)
    outcome = CliRunner().invoke(cli.main, ["check", str(tmp_path / "softmax.py"), "--format",
                                            "json", "--seed", "1"], catch_exceptions=False)
    assert outcome.exit_code == 1, outcome.stderr
    assert _raw_controls(outcome.stdout) == []
    result = json.loads(outcome.stdout)
    assert RAW in result["output"] and RAW in result["tests"][0]["message"]


def test_results_jsonl_and_gradescope_files_hold_no_raw_controls(tmp_path):
    folder = tmp_path / "class" / LEARNER
    folder.mkdir(parents=True)
    (folder / "softmax.py").write_text(SOURCE)
    out = tmp_path / "out"
    outcome = CliRunner().invoke(cli.main, ["report", str(tmp_path / "class"), "-o", str(out),
                                            "--seed", "1", "--format", "gradescope"],
                                 catch_exceptions=False)
    assert outcome.exit_code == 0, outcome.stderr
    written = [out / "results.jsonl", *Path(out / "gradescope").rglob("results.json")]
    assert len(written) == 2
    for path in written:
        text = path.read_text(encoding="utf-8")
        assert _raw_controls(text) == [], path.name
    (record,) = map(json.loads, (out / "results.jsonl").read_text().splitlines())
    assert record["batch"]["learner"] == LEARNER
    assert RAW in record["output"]
