"""Shared helpers: grade files through the real pipeline and run the CLI in-process."""

from __future__ import annotations

import os
import shutil
import signal
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from grader import cli
from grader.core import grading
from grader.results import Result

TESTS_DIR = Path(__file__).resolve().parent
CORPUS_DIR = TESTS_DIR.parent / "grader" / "course" / "builtin" / "corpus"
CASES_DIR = TESTS_DIR / "cases"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]


def pytest_configure(config):
    """The Ctrl-C tests send SIGINT as a terminal does, to graders that must then stop and say
    what is saved. A runner that starts pytest with SIGINT ignored (a background job of a
    non-interactive shell does) would hand that on to every grader started, which would then
    rightly never hear the Ctrl-C: the tests run as from a terminal."""
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium driven by Playwright. A missing one fails the tests that need it, with
    the reason: a missing browser never passes as a skipped test, and no browser is downloaded."""
    chromium = (os.environ.get("NN_GRADER_CHROMIUM") or shutil.which("chromium")
                or "/usr/bin/chromium")
    assert Path(chromium).is_file(), "Chromium is missing: apt-get install chromium"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS,
                                              headless=True)
        yield launched
        launched.close()


@dataclass
class CliOutcome:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def run_cli(tmp_path, monkeypatch):
    """Run `grader ...` in-process from a scratch working directory, without colour."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")

    def run(*args: str, input: str | None = None) -> CliOutcome:
        runner = CliRunner()
        outcome = runner.invoke(cli.main, [str(arg) for arg in args], input=input,
                                catch_exceptions=False)
        return CliOutcome(outcome.exit_code, outcome.stdout, outcome.stderr)

    return run


def grade(path: Path, exercise: str | None = None, seed: int = 20261129) -> Result:
    return grading.grade(path, exercise, seed=seed)


def all_messages(result: Result) -> str:
    parts = [result.message or ""]
    parts += [f"{test.message or ''}\n{test.hint or ''}" for test in result.tests]
    return "\n".join(parts)
