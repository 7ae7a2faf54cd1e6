"""`grader report` on a generated class of 40 learners, through the CLI, as an instructor runs it.

The class (tests/classgen.py) mixes correct, wrong, stub, broken, hostile and unreadable files,
missing exercises and files that match nothing. It is graded once per session; each test reads
what that run wrote. (The endless-loop learner is in test_batch_resume.py's class, where its
10 s import limit keeps the run alive long enough to be killed.)
"""

from __future__ import annotations

import csv
import json
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import classgen
import jsonschema
import pytest
from click.testing import CliRunner
from conftest import TESTS_DIR, grade

from grader import cli
from grader.batch import store
from grader.course import catalog

SEED = 20261129
LEARNERS = 30


@dataclass
class Graded:
    plan: classgen.ClassPlan
    out: Path
    exit_code: int
    stdout: str
    stderr: str

    def gradebook(self) -> dict[str, dict[str, str]]:
        with (self.out / "gradebook.csv").open(encoding="utf-8", newline="") as file:
            return {row["learner"]: row for row in csv.DictReader(file)}

    def records(self) -> dict[tuple[str, str], dict]:
        lines = (self.out / "results.jsonl").read_text(encoding="utf-8").splitlines()
        return {(r["batch"]["learner"], r["exercise"]): r for r in map(json.loads, lines)}


def report(*args) -> tuple[int, str, str]:
    outcome = CliRunner().invoke(cli.main, ["report", *map(str, args)], catch_exceptions=False)
    return outcome.exit_code, outcome.stdout, outcome.stderr


@pytest.fixture(scope="session")
def graded(tmp_path_factory) -> Graded:
    root = tmp_path_factory.mktemp("class")
    plan = classgen.generate(root / "submissions", LEARNERS, per_learner=1, hostile=("exit",))
    out = root / "out"
    code, stdout, stderr = report(plan.root, "-o", out, "--seed", SEED, "--format", "gradescope")
    return Graded(plan, out, code, stdout, stderr)


def test_the_class_is_graded_and_summarised(graded):
    assert graded.exit_code == 0, graded.stderr
    total = len(graded.plan.submissions)
    assert (f"Graded {LEARNERS} learners, {total} submissions ({total} graded now, 0 kept "
            "from an earlier run)") in graded.stdout
    exercises = {exercise for _, exercise in graded.plan.submissions}
    table = {line.split()[0]: line.split() for line in graded.stdout.splitlines() if line}
    for name in exercises:
        submitted = sum(1 for _, exercise in graded.plan.submissions if exercise == name)
        assert table[name][1] == str(submitted), name
    assert f"Files in {graded.out}" in graded.stdout
    for name in ("index.html", "learners/", "gradebook.csv", "results.csv", "results.jsonl",
                 "gradescope/"):
        assert f"  {name}" in graded.stdout
        assert (graded.out / name).exists()
    assert len(list((graded.out / "learners").glob("*.html"))) == LEARNERS


def test_every_kind_of_submission_gets_the_verdict_it_deserves(graded):
    records = graded.records()
    assert len(records) == len(graded.plan.submissions)
    expected_errors = {"broken": "SyntaxError", "exit": "SystemExit", "loop": "took longer than",
                       "empty": "empty", "binary": "binary", "latin1": "not UTF-8",
                       "huge": "at most 1024 KiB"}
    for (learner, exercise), kind in graded.plan.submissions.items():
        record = records[(learner, exercise)]
        if kind == "correct":
            assert record["status"] == "passed", (learner, exercise)
        elif kind in ("wrong", "stub"):
            assert record["status"] == "failed" and record["score"] < record["max_score"]
        else:
            assert record["status"] == "error", (learner, exercise, kind)
            assert expected_errors[kind] in record["message"], record["message"]
        assert record["batch"]["seed_requested"] == SEED


def test_gradebook_numbers_match_grading_each_file_alone(graded):
    """A submission of every exercise and of every kind, graded alone as `grader check --seed`
    would grade it."""
    sample = {}
    for (learner, exercise), kind in sorted(graded.plan.submissions.items()):
        sample.setdefault(exercise, (learner, exercise))
        sample.setdefault(kind, (learner, exercise))
    keys = sorted(set(sample.values()))
    with ThreadPoolExecutor(2) as pool:
        alone = dict(zip(keys, pool.map(
            lambda key: grade(graded.plan.path(*key), key[1], SEED), keys), strict=True))
    book = graded.gradebook()
    records = graded.records()
    for (learner, exercise), result in alone.items():
        assert float(book[learner][exercise]) == result.score, (learner, exercise)
        batch = records[(learner, exercise)]
        assert [(t["id"], t["status"], t["score"]) for t in batch["tests"]] == \
            [(t.id, t.status.value, t.score) for t in result.tests], (learner, exercise)
        assert batch["message"] == result.message


def test_gradebook_has_a_row_per_learner_and_a_column_per_exercise(graded):
    book = graded.gradebook()
    assert sorted(book, key=str.casefold) == graded.plan.learners
    names = [e.name for e in catalog.exercises()
             if any(ex == e.name for _, ex in graded.plan.submissions)]
    with (graded.out / "gradebook.csv").open(encoding="utf-8") as file:
        header = file.readline().strip().split(",")
    assert header == ["learner", *names, "total", "max_total", "percentage"]
    max_total = sum(catalog.get(name).points for name in names)
    for learner, row in book.items():
        submitted = {ex for who, ex in graded.plan.submissions if who == learner}
        for name in names:
            assert (row[name] == "") == (name not in submitted), (learner, name)
        scores = [float(row[name]) for name in names if row[name]]
        assert float(row["total"]) == pytest.approx(sum(scores))
        assert float(row["max_total"]) == max_total
        assert float(row["percentage"]) == pytest.approx(100 * sum(scores) / max_total, abs=0.05)


def test_results_csv_has_one_row_per_test(graded):
    with (graded.out / "results.csv").open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    for (learner, exercise), record in graded.records().items():
        mine = [r for r in rows if r["learner"] == learner and r["exercise"] == exercise]
        assert len(mine) == max(1, len(record["tests"]))
        assert sum(float(r["score"]) for r in mine) == pytest.approx(record["score"])


def test_files_that_match_nothing_are_listed_not_dropped(graded):
    page = (graded.out / "index.html").read_text(encoding="utf-8")
    assert graded.plan.junk
    for path in graded.plan.junk:
        assert f"<code>{path}</code>" in page
    assert f"Skipped {len(graded.plan.junk)} files" in graded.stdout


def test_gradescope_results_follow_the_published_schema(graded):
    schema = json.loads((TESTS_DIR / "gradescope_results.schema.json").read_text())
    book = graded.gradebook()
    folders = sorted((graded.out / "gradescope").iterdir())
    assert len(folders) == LEARNERS
    hidden_seen = False
    for folder in folders:
        data = json.loads((folder / "results.json").read_text(encoding="utf-8"))
        jsonschema.validate(data, schema)
        learner = data["extra_data"]["learner"]
        assert data["score"] == pytest.approx(float(book[learner]["total"]))
        assert all(0 <= t["score"] <= t["max_score"] for t in data["tests"])
        # an optional part not attempted is worth 0 here, so the sum may fall short of the total
        assert sum(t["max_score"] for t in data["tests"]) <= float(book[learner]["max_total"])
        missing = [e for e in catalog.exercises() if e.name in book[learner] and
                   book[learner][e.name] == ""]
        for exercise in missing:
            assert f"{exercise.title}: not submitted" in [t["name"] for t in data["tests"]]
        assert data["stdout_visibility"] == "hidden"
        record_tests = {(r["exercise"], t["name"]): t["visibility"]
                        for (who, _), r in graded.records().items() if who == learner
                        for t in r["tests"] if r["status"] != "error"}
        for test in data["tests"]:
            title, _, name = test["name"].partition(": ")
            exercise = next(e.name for e in catalog.exercises() if e.title == title)
            if record_tests.get((exercise, name)) == "hidden":
                hidden_seen = True
                assert test["visibility"] == "after_published"
            elif (exercise, name) in record_tests:
                assert test["visibility"] == "visible"
    assert hidden_seen


def test_a_rerun_grades_only_what_changed(graded, tmp_path):
    submissions = tmp_path / "submissions"
    shutil.copytree(graded.plan.root, submissions)
    out = tmp_path / "out"
    shutil.copytree(graded.out, out)
    assert (out / store.LOCK).exists()  # left by the first run: stale, and no obstacle
    before = (out / "gradebook.csv").read_bytes()
    code, stdout, _ = report(submissions, "-o", out, "--seed", SEED)
    assert code == 0
    total = len(graded.plan.submissions)
    assert f"(0 graded now, {total} kept from an earlier run)" in stdout
    assert (out / "gradebook.csv").read_bytes() == before

    learner, exercise = graded.plan.of_kind("stub")[0]
    path = submissions / graded.plan.path(learner, exercise).relative_to(graded.plan.root)
    path.write_bytes(classgen.source(exercise, "correct"))
    code, stdout, _ = report(submissions, "-o", out, "--seed", SEED)
    assert code == 0
    assert f"(1 graded now, {total - 1} kept from an earlier run)" in stdout
    book = Graded(graded.plan, out, code, stdout, "").gradebook()
    assert float(book[learner][exercise]) == catalog.get(exercise).points
    lines = (out / "results.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == total  # rewritten: one line per submission


def test_a_second_run_on_the_same_output_is_refused(graded, tmp_path):
    out = tmp_path / "out"
    with store.locked(out):
        code, _, stderr = report(graded.plan.root, "-o", out, "--seed", SEED)
    assert code == 2
    assert f"another `grader report` is writing to {out}" in stderr
    assert not (out / "results.jsonl").exists()


@pytest.mark.chromium
def test_class_report_opens_in_chromium_and_shows_every_learner(graded, tmp_path):
    from playwright.sync_api import sync_playwright

    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning")
                else None)
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.goto((graded.out / "index.html").as_uri())
        shown = page.locator("table.scores tbody tr").evaluate_all(
            "rows => rows.map(row => row.dataset.learner)")
        assert sorted(shown, key=str.casefold) == graded.plan.learners
        for learner in graded.plan.learners:
            assert page.get_by_role("link", name=learner, exact=True).first.is_visible()
        assert page.locator("figure.chart svg").count() == len(
            {exercise for _, exercise in graded.plan.submissions})
        assert "Isolation:" in page.locator("footer").inner_text()

        page.get_by_role("button", name="Total").click()
        totals = page.locator("table.scores tbody tr td:nth-last-child(2)").all_inner_texts()
        assert [float(t) for t in totals] == sorted(float(t) for t in totals)
        page.get_by_role("button", name="Total").click()
        totals = page.locator("table.scores tbody tr td:nth-last-child(2)").all_inner_texts()
        assert [float(t) for t in totals] == sorted((float(t) for t in totals), reverse=True)
        page.screenshot(path=str(tmp_path / "class.png"), full_page=True)

        learner = next(name for name in graded.plan.learners if " " in name)  # José Núñez
        page.get_by_role("link", name=learner, exact=True).first.click()
        page.wait_for_load_state()
        assert page.locator("h1").inner_text() == learner
        page.screenshot(path=str(tmp_path / "learner.png"), full_page=True)
        browser.close()
    assert problems == []
