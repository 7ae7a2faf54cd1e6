"""`grader gradescope build`, and `grader gradescope run` in-process on a folder laid out as
Gradescope's /autograder, with the grading itself scripted where the point is what happens
around it (a run cut short, a grader failure, a broken bundle). The bundle installed and run as
Gradescope runs it is in test_gradescope_autograder.py.
"""

from __future__ import annotations

import importlib.metadata
import io
import json
import stat
import zipfile
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import TESTS_DIR

from grader import __version__, cli
from grader.batch import autograder
from grader.boundary import process
from grader.boundary.launch import Level
from grader.core import grading
from grader.course import catalog
from grader.course import paths as course
from grader.results import Result, Status, TestResult, Visibility

SCHEMA = json.loads((TESTS_DIR / "gradescope_results.schema.json").read_text())


def invoke(*args) -> tuple[int, str, str]:
    outcome = CliRunner().invoke(cli.main, [str(arg) for arg in args], catch_exceptions=False)
    return outcome.exit_code, outcome.stdout, outcome.stderr


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("bundle") / "autograder.zip"
    code, stdout, stderr = invoke("gradescope", "build", "-o", path, "-e", "softmax",
                                  "-e", "backprop", "--hidden-tests", "after_published")
    assert code == 0, stderr
    assert stdout.startswith(f"Wrote {path}: 2 exercises (softmax, backprop); hidden tests "
                             "after published.\n")
    return path


def test_the_bundle_has_what_gradescope_runs_at_its_root(bundle):
    with zipfile.ZipFile(bundle) as archive:
        modes = {info.filename: stat.S_IMODE(info.external_attr >> 16)
                 for info in archive.infolist()}
        settings = json.loads(archive.read("nn-grader.json"))
        setup = archive.read("setup.sh").decode()
        pins = archive.read("constraints.txt").decode().split()
    wheel = f"nn_grader-{__version__}-py3-none-any.whl"
    assert modes == {"setup.sh": 0o755, "run_autograder": 0o755, "nn-grader.json": 0o644,
                     "constraints.txt": 0o644, wheel: 0o644}
    assert settings == {"exercises": ["softmax", "backprop"], "hidden": "after_published",
                        "grader_version": __version__, "lang": "en"}
    assert f'"$source_dir/{wheel}"' in setup and setup.startswith("#!/usr/bin/env bash\n")
    assert sorted(pins) == sorted(f"{name}=={importlib.metadata.version(name)}"
                                  for name in ("numpy", "pandas", "pytest", "jinja2", "click",
                                               "nbformat"))


def test_the_wheel_carries_the_course_as_installed_here(bundle):
    with zipfile.ZipFile(bundle) as archive:
        wheel = zipfile.ZipFile(io.BytesIO(archive.read(
            f"nn_grader-{__version__}-py3-none-any.whl")))
    names = set(wheel.namelist())
    for exercise in catalog.names():
        assert wheel.read(f"grader/course/builtin/solutions/{exercise}.py") == \
            course.solution_path(exercise).read_bytes()
        assert wheel.read(f"grader/course/builtin/exercises/{exercise}.py") == \
            course.stub_path(exercise).read_bytes()
        assert wheel.read(f"grader/course/builtin/suites/test_{exercise}.py") == \
            course.suite_path(exercise).read_bytes()
    assert "grader/course/builtin/course.toml" in names
    assert not [name for name in names if "/corpus/" in name], "the corpus is for authors"
    assert "grader/_course/templates/class.html.j2" in names
    assert "grader/batch/autograder.py" in names
    metadata = wheel.read(f"nn_grader-{__version__}.dist-info/METADATA").decode()
    assert f"\nVersion: {__version__}\n" in metadata
    assert not [name for name in names if "__pycache__" in name or name.endswith(".pyc")]


def test_build_refuses_an_unknown_exercise_and_a_link_in_its_way(tmp_path):
    code, _, stderr = invoke("gradescope", "build", "-o", tmp_path / "a.zip", "-e", "softmaks")
    assert code == 2
    assert "there is no exercise 'softmaks'" in stderr and "Did you mean 'softmax'?" in stderr
    target = tmp_path / "precious"
    target.write_text("keep me")
    (tmp_path / "b.zip").symlink_to(target)
    code, _, stderr = invoke("gradescope", "build", "-o", tmp_path / "b.zip", "-e", "softmax")
    assert code == 2
    assert "is a symbolic link, which the grader does not follow or replace" in stderr
    assert target.read_text() == "keep me"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["b.zip", "precious"]


def layout(root: Path, exercises: list[str], files: dict[str, bytes],
           hidden: str = "after_due_date") -> Path:
    (root / "source").mkdir(parents=True)
    (root / "source" / autograder.CONFIG).write_text(
        autograder.Settings(tuple(exercises), hidden).to_json())
    (root / "submission").mkdir()
    for name, data in files.items():
        (root / "submission" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "submission" / name).write_bytes(data)
    return root


def results(root: Path) -> dict:
    data = json.loads((root / "results" / "results.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, SCHEMA)
    return data


def scripted(score: float):
    """grading.grade_source, answering `score` for every file in one visible test."""
    def grade_source(source, label, exercise, *, seed=None, limits=None):
        test = TestResult("test_all", "everything at once", Status.FAILED, score,
                          float(exercise.points), Visibility.VISIBLE, message="scripted")
        return Result(exercise.name, exercise.title, label, Status.FAILED, score,
                      float(exercise.points), tests=(test,), seed=seed, isolation="scripted")
    return grade_source


def test_results_json_is_written_before_each_exercise(tmp_path, monkeypatch):
    """A run that Gradescope stops after the first exercise leaves that grade, and the others
    as 0 with the reason, not an empty page."""
    root = layout(tmp_path, ["softmax", "cross_entropy", "backprop"],
                  {"softmax.py": b"x = 1\n", "cross_entropy.py": b"x = 2\n"})
    calls = []

    def stopped_after_one(source, label, exercise, **kwargs):
        calls.append(exercise.name)
        if len(calls) > 1:
            raise SystemExit("killed at the time limit")
        return scripted(4.0)(source, label, exercise, **kwargs)

    monkeypatch.setattr(grading, "grade_source", stopped_after_one)
    with pytest.raises(SystemExit):
        autograder.run(root, io.StringIO())
    data = results(root)
    assert [(t["name"], t["score"], t["max_score"]) for t in data["tests"]] == [
        ("Softmax: everything at once", 4.0, 10.0),
        ("Cross entropy: not graded", 0.0, 10.0),
        ("Backpropagation: not graded", 0.0, 10.0)]
    assert data["tests"][1]["output"] == autograder.PENDING
    assert data["extra_data"]["exercises"]["softmax"]["file"] == "softmax.py"


def test_a_grader_failure_is_not_the_learners_fault(tmp_path, monkeypatch):
    root = layout(tmp_path, ["softmax"], {"softmax.py": b"x = 1\n"})

    def failing(*args, **kwargs):
        raise grading.GraderFailure("the worker crashed")

    monkeypatch.setattr(grading, "grade_source", failing)
    code, stdout, stderr = invoke("gradescope", "run", "--root", root)
    assert code == 0
    assert "softmax: softmax.py: error 0/10" in stdout and "GRADER FAILURE" in stdout
    assert "grader: internal failure on softmax: the worker crashed" in stderr
    (test,) = results(root)["tests"]
    assert "not your fault" in test["output"] and test["visibility"] == "visible"


def test_run_needs_an_autograder_folder(tmp_path):
    code, _, stderr = invoke("gradescope", "run", "--root", tmp_path / "autograder")
    assert code == 2 and "does not exist" in stderr
    assert list(tmp_path.iterdir()) == []


def test_a_broken_bundle_says_so_to_the_learner(tmp_path):
    root = layout(tmp_path, ["softmax"], {"softmax.py": b"x = 1\n"})
    (root / "source" / autograder.CONFIG).write_text('{"exercises": ["softmaks"], '
                                                     '"hidden": "visible", "grader_version": '
                                                     f'"{__version__}"}}')
    code, _, stderr = invoke("gradescope", "run", "--root", root)
    assert code == 2 and "grader: the autograder is broken:" in stderr
    data = results(root)
    assert data["score"] == 0 and data["tests"] == []
    assert "This is not your fault" in data["output"]


def test_one_exercise_takes_the_only_python_file_and_lists_the_rest(tmp_path, monkeypatch):
    monkeypatch.setattr(grading, "grade_source", scripted(6.0))
    many = {f"junk/{index:02}.txt": b"" for index in range(30)}
    root = layout(tmp_path, ["softmax"], {"work/my_softmax.py": b"x = 1\n",
                                          "work/notes.txt": b"", ".DS_Store": b"", **many},
                  hidden="visible")
    code, _, _ = invoke("gradescope", "run", "--root", root)
    assert code == 0
    data = results(root)
    assert data["score"] == 6.0
    assert "Softmax (work/my_softmax.py): 6/10." in data["output"]
    assert data["extra_data"]["exercises"]["softmax"]["file"] == "work/my_softmax.py"
    assert "Not graded: .DS_Store: hidden or system file." in data["output"]
    assert "Not graded: junk/08.txt: neither a .py file nor a notebook (.ipynb)." \
        in data["output"]
    assert "junk/09.txt" not in data["output"]  # 32 files skipped: the first 10 are named
    assert "22 more files were not graded." in data["output"]


def test_a_sandbox_where_learner_code_keeps_the_graders_uid_is_refused(tmp_path, monkeypatch):
    """There, the learner's code could rewrite results.json: nothing is run, and the learner is
    told the autograder is broken."""
    root = layout(tmp_path, ["softmax"], {"softmax.py": b"x = 1\n"})
    kept = Level("process", "process", ("uid 0 without capabilities",), nanny=True,
                 unsafe_reason="the learner's code keeps uid 0")
    monkeypatch.setattr(process, "working_level", lambda forced: (kept, ()))
    monkeypatch.setattr(grading, "grade_source", scripted(10.0))
    code, _, stderr = invoke("gradescope", "run", "--root", root)
    assert code == 2
    assert ("learner code would run at the 'process' isolation level here, where the learner's "
            "code keeps uid 0: it could rewrite its own grade.") in stderr
    data = results(root)
    assert data["score"] == 0 and data["tests"] == []
