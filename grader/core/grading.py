"""Grade one submission: read and vet the file, then run the suite in a separate worker process.

Nothing here imports the learner's code or the suite. Problems with the file itself (empty,
binary, too large, not text, not a notebook) become graded errors with a message, so a batch
never stops on one. A Python file is read as Python reads source: a UTF-8 BOM or a `coding:`
line decides the encoding, UTF-8 otherwise. A Jupyter notebook (.ipynb) is turned into a module
here (see notebooks.py), and its map from lines to cells goes to the worker with the job. Either
way the learner process gets only the resulting Python text, as UTF-8.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import tokenize
from dataclasses import asdict
from pathlib import Path

from grader import __version__, files, i18n
from grader.batch.store import suite_version
from grader.boundary.launch import ENVIRONMENT_KEY, Limits, make_undumpable, python_command
from grader.core import notebooks
from grader.course import catalog
from grader.i18n import _
from grader.results import LeftOut, Result, Status, timestamp

MAX_SOURCE_BYTES = 1024 * 1024
WORKER_GRACE_SECONDS = 60.0

Prepared = notebooks.Module | str  # what the learner process imports: a notebook, or a text


class GraderFailure(Exception):
    """The grader itself failed (not the learner's code): exit code 3.

    A learner's code, however strange, is graded; reaching this is a bug in the grader, so the
    message says so and what to send with a report (`how_to_report`)."""

    def __init__(self, message: str, seed: int | None = None) -> None:
        super().__init__(message)
        self.seed = seed

    def how_to_report(self) -> str:
        if self.seed is None:
            return _("This is a bug in nn-grader {version}, not a problem with the code that "
                     "was checked. Please report it to your instructor or to the course's "
                     "maintainers, with this message and the file that was checked.").format(
                         version=__version__)
        return _("This is a bug in nn-grader {version}, not a problem with the code that was "
                 "checked. Please report it to your instructor or to the course's maintainers, "
                 "with this message and the file that was checked; `grader check FILE --seed "
                 "{seed}` repeats this run.").format(version=__version__, seed=self.seed)


class NotGradable(Exception):
    """`grader check` was given a file it does not grade (a usage error: the message says
    why and what to give instead)."""


class NotText(ValueError):
    """The source cannot be read as Python reads it; the message is for the learner."""


def exercise_for(path: Path, exercise: str | None) -> catalog.Exercise:
    """The exercise a file is for: named explicitly, or taken from the file name."""
    return catalog.get(exercise if exercise is not None else path.stem)


def is_notebook(name: str) -> bool:
    """Whether a file of this name is graded as a Jupyter notebook (else as Python source)."""
    return name.lower().endswith(".ipynb")


def max_bytes(name: str) -> int:
    """The most of a file that is read: a notebook carries its outputs, a .py file only code."""
    return notebooks.MAX_NOTEBOOK_BYTES if is_notebook(name) else MAX_SOURCE_BYTES


def check_file(path: Path) -> None:
    """Raise `NotGradable` unless `path` is what `grader check` grades: a Python file or a
    Jupyter notebook, inside its own folder (a link leading elsewhere could show another file's
    text in a report), and a regular file (reading a FIFO waits forever)."""
    if path.suffix not in (".py", ".ipynb"):
        raise NotGradable(_("`grader check` grades Python files (.py) and Jupyter notebooks "
                            "(.ipynb), and {file} is neither. Give it the file your code is "
                            "in.").format(file=path.name))
    try:
        os.close(_open_source(path))
    except files.Refused as refused:
        raise NotGradable(f"{refused.strerror}.") from None


def read_source(path: Path) -> bytes:
    """The file's bytes, at most `max_bytes + 1` of them (enough to know it is too large).
    Raises `files.Refused` for a special file or a link leading outside its folder."""
    fd = _open_source(path)
    try:
        return files.read_capped(fd, max_bytes(path.name))
    finally:
        os.close(fd)


def _open_source(path: Path) -> int:
    folder = path.absolute().parent.resolve()
    target = path.resolve(strict=True)
    if not target.is_relative_to(folder):
        raise files.Refused(path, _("{path} is a symbolic link to {target}, outside its folder, "
                                    "and the grader only grades files inside it").format(
                                        path=path, target=target))
    return files.open_regular(target, shown=path)


def grade(path: Path, exercise: str | None = None, *, seed: int | None = None,
          limits: Limits | None = None) -> Result:
    chosen = exercise_for(path, exercise)
    # A name that is not UTF-8 on disk (bytes kept as surrogates) would reach the result,
    # which is written as UTF-8: it is shown with escapes (`a\xff.py`) instead.
    label = os.fsencode(path.name).decode("utf-8", errors="backslashreplace")
    try:
        source = read_source(path)
    except files.Refused as refused:
        seed = submission_seed(b"", suite_version(chosen.name)) if seed is None else seed
        return file_error(chosen, label, f"{refused.strerror}.", seed)
    return grade_source(source, label, chosen, seed=seed, limits=limits)


def grade_source(source: bytes, label: str, exercise: catalog.Exercise, *,
                 seed: int | None = None, limits: Limits | None = None) -> Result:
    """Grade a file's bytes; `label` is its name, which also says whether it is a notebook."""
    seed = submission_seed(source, suite_version(exercise.name)) if seed is None else seed
    try:
        module = prepare(source, label)
    except NotText as error:
        return file_error(exercise, label, str(error), seed)
    return grade_module(module, label, exercise, seed=seed, limits=limits)


def grade_module(module: Prepared, label: str, exercise: catalog.Exercise, *,
                 seed: int | None = None, limits: Limits | None = None) -> Result:
    """Grade a prepared module: a file's, or the inputs a Jupyter kernel ran (notebook.py)."""
    limits = limits or Limits()
    if seed is None:
        seed = submission_seed(_text(module).encode("utf-8", "surrogatepass"),
                               suite_version(exercise.name))
    problem = vet_module(module, label)
    if problem is not None:
        return file_error(exercise, label, problem, seed, module)
    return _run_worker(job_for(module, label, exercise, seed, limits), limits)


def prepare(source: bytes, label: str) -> Prepared:
    """What the learner process will import: a notebook's code cells (with their map), or a
    Python file's text. Raises `NotText` with the learner's message when there is none."""
    if len(source) > max_bytes(label):
        raise NotText(too_large(label))
    if is_notebook(label):
        try:
            return notebooks.read(source, label)
        except notebooks.NotANotebook as error:
            raise NotText(str(error)) from None
    if b"\x00" in source:
        raise NotText(_("The file is not Python source text (it contains binary data)."))
    return source_text(source)


def submission_seed(source: bytes, version: str | None) -> int:
    """The seed a submission is graded with when none is asked for. It depends only on the file's
    content and the suite's version, so identical code gets an identical grade (two learners, or
    a regrade), while different files draw different random inputs. The version hashes the
    hidden suite and the reference solution, so the file alone does not tell its seed."""
    digest = hashlib.sha256(b"nn-grader seed\0" + (version or "").encode() + b"\0" + source)
    return int.from_bytes(digest.digest()[:4], "big")


def make_job(source: bytes, label: str, exercise: catalog.Exercise, seed: int,
             limits: Limits) -> dict:
    """What a worker needs to grade one vetted file (`worker.run` takes it); plain JSON."""
    return job_for(prepare(source, label), label, exercise, seed, limits)


def job_for(module: Prepared, label: str, exercise: catalog.Exercise, seed: int,
            limits: Limits) -> dict:
    """The job for a prepared module. It names the course in use here, so that the worker
    grades with the same one, and the language: the worker's environment is scrubbed, and its
    messages are the learner's."""
    job = {"course": catalog.active().job_key(), "exercise": exercise.name, "label": label,
           "seed": seed, "source": _text(module), "limits": asdict(limits),
           "isolation": os.environ.get(ENVIRONMENT_KEY) or None, "lang": i18n.current()}
    if isinstance(module, notebooks.Module):
        job["cells"] = module.cells.to_json()
        job["left_out"] = [asdict(item) for item in module.left_out]
    return job


def _text(module: Prepared) -> str:
    return module.text if isinstance(module, notebooks.Module) else module


def worker_budget(limits: Limits) -> float:
    """The outer wall-clock guard for one worker: its own limits plus a grace period."""
    return limits.submission_seconds + limits.import_seconds + WORKER_GRACE_SECONDS


def worker_env() -> dict[str, str]:
    """The whole environment of a trusted grading process: nothing of the caller's settings."""
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8",
            "TMPDIR": os.environ.get("TMPDIR", "/tmp"), "OPENBLAS_NUM_THREADS": "1"}


def too_large(label: str = "") -> str:
    if is_notebook(label):
        return notebooks.too_large()
    return _("The file is larger than {size} KiB; a submission may be at most {size} KiB. Did "
             "you submit the right file?").format(size=MAX_SOURCE_BYTES // 1024)


def vet_source(source: bytes, label: str = "") -> str | None:
    """Why a file (named `label`) cannot be graded at all, or None if it can."""
    try:
        module = prepare(source, label)
    except NotText as error:
        return str(error)
    return vet_module(module, label)


def vet_module(module: Prepared, label: str) -> str | None:
    """Why a prepared module cannot be graded at all, or None if it can."""
    text = _text(module)
    if isinstance(module, str):
        return None if text.strip() else \
            _("The file is empty. Write your code in it, save it, and check again.")
    if len(text.encode("utf-8")) > MAX_SOURCE_BYTES:
        return notebooks.code_too_large(label, MAX_SOURCE_BYTES // 1024)
    if not text.strip():
        if module.left_out:
            return _("Every code cell of {file} is left out of grading (the list below says "
                     "why), so there is nothing to grade. Write your code in a cell that does "
                     "not start with `# grader: skip` or a cell magic such as %%time.").format(
                         file=label)
        return _("The code cells of {file} are empty, so there is nothing to grade. Write your "
                 "code in them and check again.").format(file=label)
    return None


def source_text(source: bytes) -> str:
    """The source as Python reads it: the encoding a BOM or a `coding:` line names (PEP 263),
    UTF-8 otherwise, and no BOM left at the start (compiled as text, it is a syntax error)."""
    try:
        encoding = tokenize.detect_encoding(io.BytesIO(source).readline)[0]
    except SyntaxError as error:
        _check_utf8(source)
        raise NotText(_("Python cannot read the file's encoding declaration ({error}). Remove "
                        "its `coding:` line and save the file as UTF-8.").format(
                            error=error.msg)) from None
    if encoding in ("utf-8", "utf-8-sig"):
        _check_utf8(source)
        return source.decode("utf-8").removeprefix("\ufeff")
    try:
        return source.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise NotText(_("The file cannot be read as {encoding}, the encoding its `coding:` line "
                        "names. Remove that line and save the file as UTF-8.").format(
                            encoding=encoding)) from None


def _check_utf8(source: bytes) -> None:
    try:
        source.decode("utf-8")
    except UnicodeDecodeError as error:
        raise NotText(_("The file is not UTF-8 text (byte {byte} cannot be read). Save it as "
                        "UTF-8 in your editor.").format(byte=error.start)) from None


def file_error(exercise: catalog.Exercise, label: str, message: str, seed: int,
               module: Prepared | None = None) -> Result:
    """A result for a file that could not be graded at all; a notebook's says what was left
    out, which may be why."""
    notebook = module.cells.origin if isinstance(module, notebooks.Module) else None
    left_out: tuple[LeftOut, ...] = module.left_out if notebook else ()
    return Result(exercise=exercise.name, title=i18n.gettext(exercise.title), submission=label,
                  status=Status.ERROR, score=0.0, max_score=float(exercise.points),
                  message=message, seed=seed, grader_version=__version__,
                  graded_at=timestamp(), lang=i18n.current(), notebook=notebook,
                  left_out=left_out)


def _run_worker(job: dict, limits: Limits) -> Result:
    make_undumpable()
    env = worker_env()
    budget = worker_budget(limits)
    try:
        worker = subprocess.run(
            python_command("from grader.core.worker import main; main()"),
            input=json.dumps(job).encode(), capture_output=True, env=env, timeout=budget,
            check=False)
    except subprocess.TimeoutExpired:
        raise GraderFailure(_("grading did not finish within {seconds} s").format(
            seconds=f"{budget:g}"), job["seed"]) from None
    if worker.returncode != 0:
        tail = worker.stderr.decode("utf-8", errors="replace").strip()[-3000:]
        raise GraderFailure(_("the grading process failed (exit code {code})").format(
            code=worker.returncode) + (f":\n{tail}" if tail else ""), job["seed"])
    try:
        return Result.from_json(worker.stdout.decode("utf-8"))
    except (ValueError, KeyError, TypeError) as error:
        raise GraderFailure(_("the grading process sent an unreadable result ({error})").format(
            error=error), job["seed"]) from None
