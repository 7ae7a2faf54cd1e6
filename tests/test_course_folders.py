"""A course is a folder: made from scratch by `grader new`, checked by `grader dev check`, and
used by every command through --course, NN_GRADER_COURSE or the workspace's record.

The catalog (course.toml) is checked when loaded: each mistake is one message naming the file,
the exercise and the field, and a command given a broken course exits 2, never with a traceback.
The learner's sandbox hides the chosen course's solutions and suites as it hides the built-in
ones, even where the course folder lies inside what the sandbox shows.
"""

from __future__ import annotations

import csv
import json
import shutil
import sys
import uuid
from pathlib import Path

import pytest

from grader.batch import store
from grader.course import catalog

NAME = "my_double"


@pytest.fixture
def course(run_cli, tmp_path) -> Path:
    """A course of two exercises, made by `grader new` and nothing else."""
    folder = tmp_path / "course"
    for name in (NAME, "my_triple"):
        outcome = run_cli("--course", folder, "new", name)
        assert outcome.exit_code == 0, outcome.stderr
    return folder


def _solution(course: Path, name: str = NAME) -> Path:
    return course / "solutions" / f"{name}.py"


def _submitted(tmp_path: Path, source: Path | str, name: str = NAME) -> Path:
    folder = tmp_path / "submitted"
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.py"
    path.write_text(source.read_text() if isinstance(source, Path) else source)
    return path


# --- grader new and grader dev check ----------------------------------------------------------

def test_a_course_made_from_scratch_by_grader_new_passes_dev_check(run_cli, course):
    assert sorted(path.name for path in course.iterdir()) == \
        ["course.toml", "exercises", "solutions", "suites"]
    outcome = run_cli("--course", course, "dev", "check")
    assert outcome.exit_code == 0, outcome.stdout
    lines = outcome.stdout.splitlines()
    assert lines[0].split() == ["exercise", "stub", "solution", "right", "wrong", "problems"]
    assert lines[1].split() == [NAME, "0/10", "10/10", "-", "-", "-"]
    assert lines[2].split() == ["my_triple", "0/10", "10/10", "-", "-", "-"]
    assert "All 2 exercises agree" in outcome.stdout


def test_the_scaffold_has_a_visible_example_and_its_hidden_twin(run_cli, course, tmp_path):
    outcome = run_cli("--course", course, "check", _submitted(tmp_path, _solution(course)),
                      "--format", "json")
    tests = json.loads(outcome.stdout)["tests"]
    assert [(t["visibility"], t["twin"]) for t in tests] == \
        [("visible", "random lists and arrays of several sizes"), ("hidden", None)]
    # An answer that returns the shown example from a table earns nothing: its twin fails.
    copied = "def my_double(values):\n    return [2.0, 4.0, 6.0]\n"
    outcome = run_cli("--course", course, "check", _submitted(tmp_path, copied), "--format",
                      "json")
    assert outcome.exit_code == 1
    assert json.loads(outcome.stdout)["score"] == 0


def test_grader_new_refuses_to_overwrite_and_writes_nothing(run_cli, course):
    before = (course / "course.toml").read_text()
    outcome = run_cli("--course", course, "new", NAME)
    assert outcome.exit_code == 2
    assert f"already has an exercise named '{NAME}'" in outcome.stderr
    (course / "exercises" / "left_over.py").write_text("# someone's work\n")
    outcome = run_cli("--course", course, "new", "left_over")
    assert outcome.exit_code == 2
    assert "left_over.py already exists, so nothing was written" in outcome.stderr
    assert (course / "exercises" / "left_over.py").read_text() == "# someone's work\n"
    assert not (course / "solutions" / "left_over.py").exists()
    assert (course / "course.toml").read_text() == before


@pytest.mark.parametrize(("args", "message"), [
    (("new", "x"), "name the course folder: `grader --course DIR new NAME`"),
    (("--course", "{tmp}/c", "new", "2fast"), "'2fast' cannot name an exercise"),
    (("--course", "{tmp}/c", "new", "class"), "'class' cannot name an exercise"),
    (("--course", "{tmp}/c", "new", "numpy"), "'numpy' is the name of a module Python can"),
    (("--course", "{tmp}/c", "new", "random"), "'random' is the name of a module Python can"),
    (("--course", "{tmp}", "new", "x"), "has no course.toml and is not empty"),
])
def test_grader_new_refuses_what_cannot_be_a_course_or_an_exercise(run_cli, tmp_path, args,
                                                                   message):
    (tmp_path / "notes.txt").write_text("not a course\n")
    outcome = run_cli(*(arg.format(tmp=tmp_path) for arg in args))
    assert outcome.exit_code == 2
    assert message in outcome.stderr
    assert not (tmp_path / "c").exists()


def test_dev_check_names_each_disagreement_and_exits_1(run_cli, course):
    # A solution that disagrees with its suite's example, a stub that scores, and points the
    # suite does not add up to. (The twin compares with the solution itself, so it passes.)
    _solution(course).write_text("import numpy as np\n\n\ndef my_double(values):\n"
                                 "    return 3 * np.asarray(values, dtype=float)\n")
    (course / "exercises" / "my_triple.py").write_text(
        "import numpy as np\n\n\ndef my_triple(values):\n"
        "    return 2 * np.asarray(values, dtype=float)\n")
    toml = course / "course.toml"
    toml.write_text(toml.read_text().replace("points = 10", "points = 12", 1))
    outcome = run_cli("--course", course, "dev", "check")
    assert outcome.exit_code == 1
    assert outcome.stdout.splitlines()[1].split() == [NAME, "0/10", "8/10", "-", "-", "2"]
    assert outcome.stdout.splitlines()[2].split() == ["my_triple", "10/10", "10/10", "-", "-",
                                                      "2"]
    assert f"{NAME}: the solution scored 8 of 10 points; it must get full marks" \
        in outcome.stdout
    assert f"{NAME}: the suite's points add up to 10, and the catalog gives the exercise 12" \
        in outcome.stdout
    assert "my_triple: the stub scored 10 of 10 points; an untouched stub must score 0." \
        in outcome.stdout
    assert "my_triple: the stub's verdict does not say that it is not started" in outcome.stdout
    assert "4 problems in the course in" in outcome.stdout


def test_dev_check_grades_the_corpus_as_labelled(run_cli, course):
    corpus = course / "corpus" / NAME
    (corpus / "right").mkdir(parents=True)
    (corpus / "wrong").mkdir()
    (corpus / "right" / "loop.py").write_text(
        "def my_double(values):\n    return [2 * v for v in values]\n")
    (corpus / "right" / "mislabelled.py").write_text(
        "def my_double(values):\n    return [v + 1 for v in values]\n")
    (corpus / "wrong" / "plus_one.py").write_text(
        "# ceiling: 0 — every test fails\n# expect: my_double\n"
        "def my_double(values):\n    return [v + 1 for v in values]\n")
    (corpus / "wrong" / "claims_too_much.py").write_text(
        "# ceiling: 0\n# expect: a message the suite never gives\n# never: my_double\n"
        "def my_double(values):\n    return [v + 1 for v in values]\n")
    (corpus / "wrong" / "actually_right.py").write_text(
        "def my_double(values):\n    return [v * 2 for v in values]\n")
    (course / "corpus" / "no_such_exercise").mkdir()
    outcome = run_cli("--course", course, "dev", "check")
    assert outcome.exit_code == 1
    assert outcome.stdout.splitlines()[1].split() == [NAME, "0/10", "10/10", "1/2", "1/3", "4"]
    for problem in (
            f"{NAME}: corpus file right/mislabelled.py scored 0 of 10; a right answer must get "
            "full marks",
            f"{NAME}: corpus file wrong/actually_right.py got full marks; a wrong answer must "
            "lose points.",
            f"{NAME}: the feedback on corpus file wrong/claims_too_much.py lacks \u201ca message "
            "the suite never gives\u201d",
            f"{NAME}: the feedback on corpus file wrong/claims_too_much.py says "
            "\u201cmy_double\u201d",
            f"{course / 'corpus' / 'no_such_exercise'} is not named for an exercise"):
        assert problem in outcome.stdout


def test_dev_check_of_one_exercise_and_of_an_unknown_one(run_cli, course):
    outcome = run_cli("--course", course, "dev", "check", "my_triple")
    assert outcome.exit_code == 0
    assert [line.split()[0] for line in outcome.stdout.splitlines()[1:2]] == ["my_triple"]
    assert NAME not in outcome.stdout
    outcome = run_cli("--course", course, "dev", "check", "softmax")
    assert outcome.exit_code == 2
    assert f"The exercises are: {NAME}, my_triple." in outcome.stderr


@pytest.mark.parametrize(("option", "message"), [
    (("--seed", "-1"), "-1 is not in the range x>=0"),
    (("--jobs", "100000"), "--jobs 100000 is more than this machine can use"),
])
def test_dev_check_refuses_hostile_options(run_cli, course, option, message):
    outcome = run_cli("--course", course, "dev", "check", *option)
    assert outcome.exit_code == 2
    assert message in outcome.stderr


# --- every command works on the course ---------------------------------------------------------

def test_check_and_list_use_the_course_given_by_option_or_environment(run_cli, course, tmp_path,
                                                                     monkeypatch):
    stub = _submitted(tmp_path, course / "exercises" / f"{NAME}.py")
    outcome = run_cli("--course", course, "check", stub, "--format", "json")
    assert outcome.exit_code == 1
    assert json.loads(outcome.stdout)["message"].startswith("Not started yet")
    answer = _submitted(tmp_path, _solution(course))
    assert run_cli("--course", course, "check", answer).exit_code == 0
    # The built-in course knows no such exercise.
    outcome = run_cli("check", answer)
    assert outcome.exit_code == 2
    assert "softmax" in outcome.stderr
    monkeypatch.setenv("NN_GRADER_COURSE", str(course))
    assert run_cli("check", answer).exit_code == 0
    listed = run_cli("list")
    assert listed.exit_code == 0
    assert "My double" in listed.stdout and "My triple" in listed.stdout
    assert "Softmax" not in listed.stdout
    assert "Total: 0/20 points" in listed.stdout


def test_a_workspace_made_by_init_course_keeps_using_that_course(run_cli, course, tmp_path,
                                                                 monkeypatch):
    outcome = run_cli("init", "--course", course, "ws")
    assert outcome.exit_code == 0
    assert "Created ws/ with 2 exercises and a README." in outcome.stdout
    workspace = tmp_path / "ws"
    assert json.loads((workspace / ".grader" / "workspace.json").read_text())["course"] == \
        str(course.resolve())
    assert (workspace / f"{NAME}.py").read_text() == \
        (course / "exercises" / f"{NAME}.py").read_text()
    assert "# Course: your workspace" in (workspace / "README.md").read_text()
    monkeypatch.chdir(workspace)
    assert "Next: exercise 1 of 2, My double" in run_cli("next").stdout
    shutil.copyfile(_solution(course), workspace / f"{NAME}.py")
    assert run_cli("check", f"{NAME}.py").exit_code == 0
    listed = run_cli("list").stdout
    assert "10/10" in listed and "Total: 10/20 points" in listed
    hints = " ".join(run_cli("hint", "my_triple", "--all").stdout.split())
    assert "np.asarray(values, dtype=float) turns a list into an array" in hints
    shown = run_cli("solution", NAME)
    assert shown.exit_code == 0
    assert "return 2 * np.asarray(values, dtype=float)" in shown.stdout
    assert run_cli("reset", NAME, "--force").exit_code == 0
    assert (workspace / f"{NAME}.py").read_text() == \
        (course / "exercises" / f"{NAME}.py").read_text()
    # --course wins over the record.
    assert "Softmax" in run_cli("--course", catalog.BUILTIN_DIR, "list").stdout


def test_a_notebook_checks_with_the_course_its_workspace_records(run_cli, course, tmp_path,
                                                                 monkeypatch):
    """check("my_double") in a kernel has no --course: it finds the workspace's course, as
    every command run in the workspace does."""
    from grader import notebook

    assert run_cli("init", "--course", course, "--notebooks", "ws").exit_code == 0
    assert (tmp_path / "ws" / f"{NAME}.ipynb").is_file()
    monkeypatch.chdir(tmp_path / "ws")
    try:
        assert notebook._exercise(NAME).title == "My double"
        monkeypatch.chdir(tmp_path)
        with pytest.raises(notebook.UsageError, match="my_double"):
            notebook._exercise(NAME)  # outside the workspace, the built-in course
    finally:
        catalog.use(None)


def test_grader_dash_dash_course_init_records_the_course_too(run_cli, course, tmp_path):
    assert run_cli("--course", course, "init", "ws").exit_code == 0
    marker = json.loads((tmp_path / "ws" / ".grader" / "workspace.json").read_text())
    assert marker["course"] == str(course.resolve())
    assert run_cli("init", "plain").exit_code == 0
    assert "course" not in json.loads((tmp_path / "plain" / ".grader" /
                                       "workspace.json").read_text())


def test_a_workspace_whose_course_is_gone_says_so(run_cli, course, tmp_path, monkeypatch):
    assert run_cli("init", "--course", course, "ws").exit_code == 0
    shutil.rmtree(course)
    monkeypatch.chdir(tmp_path / "ws")
    outcome = run_cli("list")
    assert outcome.exit_code == 2
    assert outcome.stderr == (
        f"grader: the course in {course.resolve()} (recorded in this workspace by `grader "
        "init`) cannot be used:\n"
        f"  - {course.resolve()} is not a course folder: there is no such folder.\n")


def test_a_workspace_naming_a_course_inside_itself_gets_the_builtin_course(run_cli, course,
                                                                           tmp_path, monkeypatch):
    """A workspace from someone else's archive may carry a course folder, suites included, and
    a marker naming it by a relative path: its suites would run outside the sandbox, so only
    the absolute path `grader init` writes is followed."""
    assert run_cli("init", "--course", course, "ws").exit_code == 0
    workspace = tmp_path / "ws"
    shutil.copytree(course, workspace / "course")
    marker = workspace / ".grader" / "workspace.json"
    marker.write_text(json.dumps({**json.loads(marker.read_text()), "course": "course"}))
    monkeypatch.chdir(workspace)
    listed = run_cli("list")
    assert listed.exit_code == 0
    assert "Softmax" in listed.stdout and "My double" not in listed.stdout


def test_report_grades_a_class_with_the_course(run_cli, course, tmp_path):
    submissions = tmp_path / "class"
    for learner, source in (("ana", _solution(course).read_text()),
                            ("ben", "def my_double(values):\n    return values\n")):
        (submissions / learner).mkdir(parents=True)
        (submissions / learner / f"{NAME}.py").write_text(source)
    (submissions / "ana" / "my_triple.py").write_text(_solution(course, "my_triple").read_text())
    outcome = run_cli("--course", course, "report", submissions, "-o", tmp_path / "out")
    assert outcome.exit_code == 0, outcome.stderr
    with open(tmp_path / "out" / "gradebook.csv", newline="") as file:
        rows = {row["learner"]: row for row in csv.DictReader(file)}
    assert float(rows["ana"]["total"]) == 20
    assert float(rows["ben"]["total"]) < 10
    results = [json.loads(line) for line in
               (tmp_path / "out" / "results.jsonl").read_text().splitlines()]
    assert {(r["batch"]["learner"], r["exercise"], r["score"]) for r in results} == \
        {("ana", NAME, 10.0), ("ana", "my_triple", 10.0), ("ben", NAME, 0.0)}


def test_the_gradescope_bundle_refuses_a_course_folder(run_cli, course, tmp_path):
    outcome = run_cli("--course", course, "gradescope", "build", "-o", tmp_path / "g.zip")
    assert outcome.exit_code == 2
    assert "the Gradescope bundle carries the built-in course only" in outcome.stderr
    assert not (tmp_path / "g.zip").exists()


# --- suites import their helpers by plain name; the batch notices when they change ------------

HELPER_SUITE = '''
import pytest

import scaling
from grader.core.compare import assert_close, case


@pytest.mark.points(10)
@pytest.mark.hidden
def test_scaled(submission, rng):
    """scaled random values"""
    values = rng.normal(size=5)
    with case("my_double of 5 values"):
        assert_close(submission.my_double(values), scaling.twice(values), what="my_double")
'''


def test_a_suite_imports_its_helpers_and_their_changes_change_the_suite_version(run_cli, course,
                                                                                tmp_path):
    (course / "suites" / f"test_{NAME}.py").write_text(HELPER_SUITE)
    helper = course / "suites" / "scaling.py"
    helper.write_text("import numpy as np\n\n\ndef twice(values):\n"
                      "    return 2 * np.asarray(values)\n")
    answer = _submitted(tmp_path, _solution(course))
    assert run_cli("--course", course, "check", answer).exit_code == 0
    with catalog.using(catalog.load(course)):
        before = store.suite_version(NAME)
        other = store.suite_version("my_triple")
        helper.write_text(helper.read_text() + "# a comment\n")
        assert store.suite_version(NAME) != before
        assert store.suite_version("my_triple") == other
        (course / "course.toml").write_text((course / "course.toml").read_text().replace(
            'title = "My double"', 'title = "Doubling"'))
    with catalog.using(catalog.load(course)):
        assert store.suite_version(NAME) not in (before, None)


# --- the catalog is checked when loaded --------------------------------------------------------

LAST_HINT = 'doubles every value.",\n]\n'  # the end of the first exercise's entry


def _broken(course: Path, old: str, new: str, count: int = 1) -> None:
    toml = course / "course.toml"
    text = toml.read_text()
    assert old in text
    toml.write_text(text.replace(old, new, count))


PROBLEMS = {
    "points not positive": (
        lambda c: _broken(c, "points = 10", "points = -1"),
        "the points of exercise \u201cmy_double\u201d must be a positive number, and they "
        "are -1."),
    "points zero": (
        lambda c: _broken(c, "points = 10", "points = 0"),
        "the points of exercise \u201cmy_double\u201d must be a positive number, and they "
        "are 0."),
    "points not a number": (
        lambda c: _broken(c, "points = 10", 'points = "10"'),
        "the points of exercise \u201cmy_double\u201d must be a positive number, and they "
        "are '10'."),
    "points a boolean": (
        lambda c: _broken(c, "points = 10", "points = true"),
        "the points of exercise \u201cmy_double\u201d must be a positive number, and they "
        "are True."),
    "two exercises with one name": (
        lambda c: _broken(c, 'name = "my_triple"', 'name = "my_double"'),
        "exercises 1 and 2 are both named \u201cmy_double\u201d; each name must be unique."),
    "empty hint list": (
        lambda c: _broken(c, "hints = [\n", "hints = [\n]\nunused = [\n"),
        "the hint list of exercise \u201cmy_double\u201d is empty; give it at least one hint."),
    "a hint that is not text": (
        lambda c: _broken(c, "hints = [\n", "hints = [\n    3,\n"),
        "hint 1 of exercise \u201cmy_double\u201d must be a non-empty text, and it is 3."),
    "missing field": (
        lambda c: _broken(c, 'title = "My double"\n', ""),
        "exercise \u201cmy_double\u201d has no title; add title = \"...\", a title."),
    "mistyped field": (
        lambda c: _broken(c, 'section = "My double"', "section = 3"),
        "the section of exercise \u201cmy_double\u201d must be a non-empty text, and it is 3."),
    "unknown field": (
        lambda c: _broken(c, "points = 10", "points = 10\npionts = 10"),
        "exercise \u201cmy_double\u201d has an unknown field \u201cpionts\u201d; the fields "
        "are: name, title, section, points, task, hints, equivalent."),
    "name not an identifier": (
        lambda c: _broken(c, 'name = "my_double"', 'name = "my-double"'),
        "the name of exercise \u201cmy-double\u201d must be a Python identifier"),
    "no name": (
        lambda c: _broken(c, 'name = "my_double"\n', ""),
        "exercise number 1 has no name; add name = \"...\", a Python identifier"),
    "missing stub": (
        lambda c: (c / "exercises" / "my_double.py").unlink(),
        "exercise \u201cmy_double\u201d has no stub: {course}/exercises/my_double.py is "
        "missing."),
    "missing solution": (
        lambda c: (c / "solutions" / "my_triple.py").unlink(),
        "exercise \u201cmy_triple\u201d has no solution: {course}/solutions/my_triple.py is "
        "missing."),
    "missing suite": (
        lambda c: (c / "suites" / "test_my_double.py").unlink(),
        "exercise \u201cmy_double\u201d has no suite: {course}/suites/test_my_double.py is "
        "missing."),
    "equivalent mutant without a reason": (
        lambda c: _broken(c, LAST_HINT, LAST_HINT + '[[exercise.equivalent]]\nmutant = "m1"\n'
                          'reason = ""\n'),
        "equivalent mutant 1 of exercise \u201cmy_double\u201d needs a reason"),
    "no course table": (
        lambda c: _broken(c, "[course]\n", "[curse]\n"),
        "has no [course] table"),
    "invalid TOML": (
        lambda c: _broken(c, "points = 10", "points = = 10"),
        "is not valid TOML: "),
    "no exercise": (
        lambda c: (c / "course.toml").write_text('[course]\ntitle = "Empty"\n'),
        "lists no exercise; add an [[exercise]] table"),
}


@pytest.mark.parametrize("case", PROBLEMS, ids=list(PROBLEMS))
def test_each_catalog_mistake_is_one_message_naming_the_file_and_exit_2(run_cli, course, case):
    breaking, message = PROBLEMS[case]
    breaking(course)
    outcome = run_cli("--course", course, "list")
    assert outcome.exit_code == 2
    assert outcome.stderr.startswith(f"grader: the course in {course} (given by --course) "
                                     "cannot be used:\n  - ")
    toml = course / "course.toml"
    assert f"  - {toml}: {message.format(course=course)}" in outcome.stderr \
        or f"  - {toml} {message}" in outcome.stderr
    assert "Traceback" not in outcome.stderr


def test_every_problem_is_listed_at_once(run_cli, course):
    _broken(course, "points = 10", "points = 0", count=2)
    outcome = run_cli("--course", course, "list")
    assert outcome.exit_code == 2
    assert [line.split(": ", 1)[1] for line in outcome.stderr.splitlines()[1:]] == [
        "the points of exercise \u201cmy_double\u201d must be a positive number, and they are "
        "0.",
        "the points of exercise \u201cmy_triple\u201d must be a positive number, and they are "
        "0."]


def test_a_folder_that_is_not_a_course(run_cli, tmp_path):
    outcome = run_cli("--course", tmp_path, "list")
    assert outcome.exit_code == 2
    assert f"  - {tmp_path} is not a course folder: it has no course.toml.\n" == \
        outcome.stderr.splitlines(keepends=True)[1]


def test_equivalent_mutants_are_read_with_their_reasons(course):
    _broken(course, LAST_HINT, LAST_HINT + '\n[[exercise.equivalent]]\nmutant = '
            '"my_double:3:mult-to-pow"\nreason = "2 * x and x ** 2 agree at 2 only"\n')
    loaded = catalog.load(course)
    assert loaded.get(NAME).equivalent == (catalog.Equivalent(
        mutant="my_double:3:mult-to-pow",
        reason="2 * x and x ** 2 agree at 2 only"),)
    assert loaded.get("my_triple").equivalent == ()


# --- hidden means hidden, for any course -------------------------------------------------------

HUNTER = '''
import glob, importlib, os

def my_double(values):
    found = []
    for path in PATHS:
        try:
            with open(path) as file:
                found.append(path + ": " + file.read(40))
        except OSError:
            pass
        try:
            found += [path + ": " + name for name in os.listdir(path)]
        except OSError:
            pass
    for name in ("scaling", "test_my_double", "my_double_solution"):
        try:
            importlib.import_module(name)
            found.append("imported " + name)
        except ImportError:
            pass
    print("FOUND" if found else "nothing", found)
    return [v * 2 for v in values]
'''


@pytest.mark.parametrize("place", ["tmp", "inside the interpreter's prefix"])
def test_the_sandbox_hides_the_courses_solutions_suites_and_corpus(run_cli, course, tmp_path,
                                                                   place):
    """A course folder inside what the sandbox shows (here, the interpreter's prefix) has its
    solutions, suites and corpus covered, as one the sandbox does not mount at all."""
    (course / "suites" / "scaling.py").write_text("TWICE = 2\n")
    (course / "corpus" / NAME / "right").mkdir(parents=True)
    shutil.copyfile(_solution(course), course / "corpus" / NAME / "right" / "copy.py")
    where = course
    if place != "tmp":
        where = Path(sys.prefix) / f"nn-grader-test-course-{uuid.uuid4().hex[:8]}"
        shutil.copytree(course, where)
    try:
        paths = [str(where / part) for part in (
            "solutions", "solutions/my_double.py", "suites", "suites/test_my_double.py",
            "suites/scaling.py", "corpus", f"corpus/{NAME}/right/copy.py")]
        assert all(Path(path).exists() for path in paths)
        hunter = _submitted(tmp_path, HUNTER.replace("PATHS", repr(paths)))
        outcome = run_cli("--course", where, "check", hunter, "--format", "json")
        result = json.loads(outcome.stdout)
        assert "UNSAFE" not in result["isolation"]
        assert "nothing []" in result["output"], result["output"]
        assert "FOUND" not in result["output"]
        assert outcome.exit_code == 0  # it still doubles: the hunt itself costs nothing
    finally:
        if where != course:
            shutil.rmtree(where)
