"""The project stays lint-clean under the rules pyproject.toml lists."""

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ruff_finds_nothing():
    ruff = shutil.which("ruff")
    assert ruff, "ruff is a test dependency: pip install '.[test]'"
    outcome = subprocess.run([ruff, "check", "--no-cache", str(ROOT)], capture_output=True,
                             text=True, cwd=ROOT, check=False)
    assert outcome.returncode == 0, outcome.stdout + outcome.stderr
