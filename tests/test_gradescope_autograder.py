"""The Gradescope bundle installed and run as Gradescope runs it.

A folder laid out as Gradescope's /autograder: the bundle unpacked in `source/` (with the modes
the zip gives), its `setup.sh` run once as Gradescope runs it (as root, with a plain PATH, so it
makes a fresh virtual environment from the system's Python and installs the wheel and its
dependencies from the package index), `run_autograder` copied to the root; then, for each
submission, `submission/` filled and `run_autograder` run. Every results.json is validated
against Gradescope's published format (tests/gradescope_results.schema.json), and grades are
compared with `grader check --seed` on the same files.

The folder is made under /tmp, readable by everyone down to the interpreter, as /autograder
is: where bubblewrap cannot hide the reference solutions, only their permissions keep them from
the learner's code, which runs as uid 65534, and the tests check that they do.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import stat
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import CASES_DIR, CORPUS_DIR, TESTS_DIR, grade

from grader import __version__, cli
from grader.course import paths as course

SCHEMA = json.loads((TESTS_DIR / "gradescope_results.schema.json").read_text())
EXERCISES = ("softmax", "cross_entropy")
PATH = "/usr/local/bin:/usr/bin:/bin"  # what a fresh image has: no virtual environment of ours
FIFO = object()  # a named pipe in the submission: opened, it would block the run forever


@dataclass
class Autograder:
    root: Path
    bundle: Path
    setup_output: str

    @property
    def venv(self) -> Path:
        return self.root / "nn-grader" / "venv"

    def installed(self, path: str) -> Path:
        """A file of the installed grader, by its path inside the package."""
        found = sorted(self.venv.glob(f"lib/python3*/site-packages/grader/{path}"))
        assert len(found) == 1, path
        return found[0]

    def run(self, files: dict[str, object], **env: str
            ) -> tuple[subprocess.CompletedProcess, dict]:
        """Grade `files` (bytes, a Path to link to, or FIFO) as Gradescope would."""
        for folder in ("submission", "results"):
            shutil.rmtree(self.root / folder, ignore_errors=True)
            (self.root / folder).mkdir()
        for name, data in files.items():
            path = self.root / "submission" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if data is FIFO:
                os.mkfifo(path)
            elif isinstance(data, Path):
                path.symlink_to(data)
            else:
                path.write_bytes(data)
        done = subprocess.run([str(self.root / "run_autograder")], cwd=self.root,
                              env={"PATH": PATH, **env}, capture_output=True, text=True,
                              timeout=600, check=False)
        data = json.loads((self.root / "results" / "results.json").read_text(encoding="utf-8"))
        jsonschema.validate(data, SCHEMA)
        return done, data


def unpack(bundle: Path, into: Path) -> None:
    """As `unzip` does: the files with the modes the zip records."""
    with zipfile.ZipFile(bundle) as archive:
        for info in archive.infolist():
            target = into / info.filename
            target.write_bytes(archive.read(info))
            target.chmod(stat.S_IMODE(info.external_attr >> 16))


@pytest.fixture(scope="module")
def installed():
    base = Path(tempfile.mkdtemp(prefix="nn-grader-autograder-", dir="/tmp"))
    try:
        base.chmod(0o755)
        bundle = base / "autograder.zip"
        outcome = CliRunner().invoke(cli.main, ["gradescope", "build", "-o", str(bundle),
                                                *(f"--exercise={name}" for name in EXERCISES)])
        assert outcome.exit_code == 0, outcome.output
        root = base / "autograder"
        (root / "source").mkdir(parents=True)
        unpack(bundle, root / "source")
        shutil.copy(root / "source" / "run_autograder", root / "run_autograder")
        setup = subprocess.run(["bash", str(root / "source" / "setup.sh")], cwd=root / "source",
                               env={"PATH": PATH, "HOME": str(base)}, capture_output=True,
                               text=True, timeout=1800, check=False)
        assert setup.returncode == 0, setup.stdout + setup.stderr
        yield Autograder(root, bundle, setup.stdout)
    finally:
        shutil.rmtree(base, ignore_errors=True)


def by_exercise(data: dict) -> dict[str, list[dict]]:
    tests: dict[str, list[dict]] = {}
    for test in data["tests"]:
        tests.setdefault(test["tags"][0], []).append(test)
    return tests


def test_setup_installs_the_grader_and_checks_it_on_a_solution(installed):
    assert (f"nn-grader {__version__} is installed: the reference solution of softmax is at "
            "full marks.") in installed.setup_output
    assert "softmax: softmax.py: passed 10/10, seed " in installed.setup_output
    version = subprocess.run([str(installed.venv / "bin" / "grader"), "--version"],
                             capture_output=True, text=True, check=True).stdout
    assert __version__ in version
    for folder in (installed.installed("course/builtin/suites"),
                   installed.installed("course/builtin/solutions"), installed.root / "source"):
        assert folder.stat().st_mode & 0o077 == 0, folder  # for root alone
    assert installed.installed("boundary").stat().st_mode & 0o005 == 0o005  # the learner's side


def test_right_and_wrong_files_get_the_grades_grader_check_gives(installed):
    # Right for NumPy arrays only, so some tests pass (2 of 10 points) and others fail.
    files = {"softmax": CORPUS_DIR / "softmax" / "wrong" / "list_minus_number.py",
             "cross_entropy": course.solution_path("cross_entropy")}
    done, data = installed.run({"softmax.py": files["softmax"].read_bytes(),
                                "work/cross_entropy.py": files["cross_entropy"].read_bytes()})
    assert done.returncode == 0, done.stderr
    extra = data["extra_data"]["exercises"]
    assert extra["cross_entropy"]["file"] == "work/cross_entropy.py"
    tests = by_exercise(data)
    for name, path in files.items():
        alone = grade(path, name, seed=extra[name]["seed"])
        assert [(t["score"], t["max_score"]) for t in tests[name]] == \
            [(t.score, t.max_score) for t in alone.tests]
        assert f"{name}: {extra[name]['file']}: {alone.status.value} {alone.score:g}/" in \
            done.stdout
    assert 0 < sum(t["score"] for t in tests["softmax"]) < 10
    assert data["score"] == pytest.approx(10 + sum(t["score"] for t in tests["softmax"]))


def test_hidden_tests_wait_for_the_due_date_and_show_no_expected_values(installed):
    wrong = (CASES_DIR / "wrong-squares" / "softmax.py").read_bytes()
    _, data = installed.run({"softmax.py": wrong})
    softmax = by_exercise(data)["softmax"]
    hidden = [t for t in softmax if t["visibility"] == "after_due_date"]
    visible = [t for t in softmax if t["visibility"] == "visible"]
    assert hidden and visible
    assert all("Expected:" not in t["output"] for t in hidden)
    assert any("Expected: [0.09003057, 0.24472847, 0.66524096]" in t["output"] for t in visible)
    assert f"its {len(hidden)} hidden tests are shown after the due date." in data["output"]
    assert f"{sum(t['score'] for t in softmax):g}/10" not in data["output"]
    assert data["stdout_visibility"] == "hidden"


def test_a_missing_file_is_zero_with_a_message(installed):
    done, data = installed.run({"Softmax.py": b"x = 1\n", "notes.txt": b"hi"})
    assert done.returncode == 0
    assert data["score"] == 0
    assert [(t["name"], t["max_score"], t["visibility"]) for t in data["tests"]] == [
        ("Softmax: not submitted", 10.0, "visible"),
        ("Cross entropy: not submitted", 10.0, "visible")]
    assert data["tests"][0]["output"] == (
        "No file named softmax.py was found in your submission, so Softmax gets 0 points. "
        "Submit your code for it in a file named softmax.py. Your submission holds: Softmax.py, "
        "notes.txt.")


HUNTER = """\
import glob, json, os
found = glob.glob("{solutions}/*.py")
try:
    with open("{results}", "w") as forged:
        json.dump({{"score": 100}}, forged)
    wrote = "wrote results.json"
except OSError as error:
    wrote = f"could not write results.json: {{error.strerror}}"
print("uid", os.getuid(), "solutions", found, wrote, "\\n" * 3 + "x" * 20000)

def softmax(L):
    with open(found[0]) as file:
        exec(file.read(), globals())
    return softmax(L)
"""


@pytest.mark.parametrize("level", ["process", "bubblewrap"])
def test_hostile_code_cannot_read_the_solutions_or_forge_the_results(installed, level):
    solutions = installed.installed("course/builtin/solutions/softmax.py").parent
    assert (solutions / "softmax.py").read_bytes()  # there, for root
    hunter = HUNTER.format(solutions=solutions, results=installed.root / "results" /
                           "results.json").encode()
    done, data = installed.run({"softmax.py": hunter,
                                "cross_entropy.py": solutions / "cross_entropy.py",
                                "work/cross_entropy.py": FIFO},
                               NN_GRADER_ISOLATION=level)
    assert done.returncode == 0, done.stderr
    assert data["score"] == 0
    assert level in data["extra_data"]["exercises"]["softmax"]["isolation"]
    printed = data["output"][data["output"].index("What softmax.py printed"):]
    assert "uid 65534 solutions [] could not write results.json" in printed
    assert "(the first 4,000 of its 20," in printed and len(printed) < 4300
    assert "Not graded: cross_entropy.py: a symbolic link (not followed)." in data["output"]
    assert ("Not graded: work/cross_entropy.py: a FIFO (named pipe), which is never opened."
            in data["output"])
    assert by_exercise(data)["cross_entropy"][0]["name"] == "Cross entropy: not submitted"


def test_the_installed_copy_builds_the_same_wheel_and_refuses_a_changed_one(installed):
    grader = str(installed.venv / "bin" / "grader")
    again = installed.root.parent / "again.zip"
    done = subprocess.run([grader, "gradescope", "build", "-o", str(again), "-e", "softmax"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "built from the installed copy" in done.stdout
    wheel = f"nn_grader-{__version__}-py3-none-any.whl"
    first, second = (zipfile.ZipFile(io.BytesIO(zipfile.ZipFile(path).read(wheel)))
                     for path in (installed.bundle, again))
    names = sorted(name for name in first.namelist() if not name.endswith("/RECORD"))
    assert names == sorted(name for name in second.namelist() if not name.endswith("/RECORD"))
    assert all(first.read(name) == second.read(name) for name in names)

    changed = installed.installed("_course/templates/sort_table.js")
    original = changed.read_bytes()
    try:
        changed.write_bytes(original + b"// edited\n")
        done = subprocess.run([grader, "gradescope", "build", "-o", str(again)],
                              capture_output=True, text=True, check=False)
    finally:
        changed.write_bytes(original)
    assert done.returncode == 2
    assert ("grader/_course/templates/sort_table.js in the installed grader differs from what "
            "was installed") in done.stderr
    assert not list(installed.root.parent.glob(".again.zip.*"))
