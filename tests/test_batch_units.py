"""The batch's parts on their own, without grading anything: finding submissions, the results
store and its lock, the worker pool's guard, and the progress line."""

from __future__ import annotations

import io
import math
import os
import time
import zipfile
from concurrent.futures import BrokenExecutor, Executor, Future

import pytest

from grader.batch import layout, run, store
from grader.batch.executor import ForkServerExecutor, TaskFailed, run_job
from grader.batch.progressbar import ProgressBar
from grader.course import catalog
from grader.course import paths as course
from grader.results import Result, Status

SOLUTION = course.solution_path("softmax").read_bytes()


def write(root, files: dict[str, bytes]) -> None:
    for relative, data in files.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_bytes(data)


def found(discovery: layout.Discovery) -> dict[tuple[str, str], str]:
    return {(s.learner, s.exercise): s.path for s in discovery.submissions}


def reasons(discovery: layout.Discovery) -> dict[str, str]:
    return {s.path: s.reason for s in discovery.skipped}


def test_folder_per_learner_lists_what_it_skips(tmp_path):
    write(tmp_path, {"ann/softmax.py": SOLUTION, "ann/cross_entropy.py": SOLUTION,
                     "ann/notes.txt": b"", "ann/helper.py": b"", "ann/.DS_Store": b"",
                     "ann/__pycache__/softmax.cpython-311.pyc": b"",
                     "ben/work/softmax.py": SOLUTION, "ben/old/softmax.py": SOLUTION,
                     "softmax.py": SOLUTION})
    discovery = layout.discover(tmp_path)
    assert found(discovery) == {("ann", "softmax"): "ann/softmax.py",
                                ("ann", "cross_entropy"): "ann/cross_entropy.py",
                                ("ben", "softmax"): "ben/old/softmax.py"}
    skipped = reasons(discovery)
    assert skipped["ann/notes.txt"] == "neither a .py file nor a notebook (.ipynb)"
    assert skipped["ann/helper.py"].startswith("its name matches no exercise")
    assert skipped["ann/.DS_Store"] == skipped["ann/__pycache__/softmax.cpython-311.pyc"] \
        == "hidden or system file"
    assert skipped["ben/work/softmax.py"] == \
        "another file for softmax was graded: ben/old/softmax.py"
    assert "not in a learner's folder" in skipped["softmax.py"]
    assert len(skipped) == 6  # every file is either graded or listed


def test_a_zip_with_a_wrapping_folder_reads_like_the_folder(tmp_path):
    write(tmp_path / "class", {"ann/softmax.py": SOLUTION, "ben/softmax.py": b"x",
                               "ben/readme.md": b""})
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        for path in sorted((tmp_path / "class").rglob("*.*")):
            handle.write(path, "export/" + path.relative_to(tmp_path / "class").as_posix())
        handle.writestr("../escape/softmax.py", SOLUTION)
    discovery = layout.discover(archive)
    assert found(discovery) == {("ann", "softmax"): "ann/softmax.py",
                                ("ben", "softmax"): "ben/softmax.py"}
    assert discovery.submissions[0].source == SOLUTION
    skipped = reasons(discovery)
    assert skipped.pop("../escape/softmax.py").startswith("its path contains ..")
    assert skipped == {"ben/readme.md": "neither a .py file nor a notebook (.ipynb)"}


def test_one_file_per_learner_needs_the_exercise(tmp_path):
    write(tmp_path, {"ann.py": SOLUTION, "ben/anything.py": SOLUTION,
                     "cat/softmax.py": SOLUTION, "cat/util.py": b""})
    discovery = layout.discover(tmp_path, "softmax")
    assert found(discovery) == {("ann", "softmax"): "ann.py",
                                ("ben", "softmax"): "ben/anything.py",
                                ("cat", "softmax"): "cat/softmax.py"}
    assert reasons(discovery) == {"cat/util.py": "another file of cat was graded: cat/softmax.py"}
    without = layout.discover(tmp_path)
    assert "ann.py" in reasons(without)


def test_the_output_folder_inside_the_submissions_is_not_read(tmp_path):
    write(tmp_path, {"ann/softmax.py": SOLUTION, "out/learners/softmax.py": SOLUTION})
    discovery = layout.discover(tmp_path, exclude=tmp_path / "out")
    assert found(discovery) == {("ann", "softmax"): "ann/softmax.py"}
    assert discovery.skipped == []


def test_symbolic_links_are_not_followed(tmp_path):
    """A link unpacked from a learner's archive must not pull another file into a report."""
    secret = tmp_path / "secret.txt"
    secret.write_text("instructor's private key\n")
    write(tmp_path, {"class/ann/softmax.py": SOLUTION})
    (tmp_path / "class" / "ben").mkdir()
    (tmp_path / "class" / "ben" / "softmax.py").symlink_to(secret)
    discovery = layout.discover(tmp_path / "class")
    assert found(discovery) == {("ann", "softmax"): "ann/softmax.py"}
    assert reasons(discovery) == {"ben/softmax.py": "a symbolic link (not followed)"}


def test_unreadable_files_are_graded_errors_not_crashes(tmp_path):
    write(tmp_path, {"ann/softmax.py": b"", "ben/softmax.py": b"\x00\x01",
                     "cat/softmax.py": b"# \xfc\n"})
    messages = [layout.vet(s) for s in layout.discover(tmp_path).submissions]
    assert "empty" in messages[0] and "binary" in messages[1] and "UTF-8" in messages[2]


def record(learner: str, score: float, **batch) -> store.Record:
    exercise = catalog.get("softmax")
    result = Result(exercise=exercise.name, title=exercise.title, submission="softmax.py",
                    status=Status.FAILED, score=score, max_score=10.0)
    fields = {"path": f"{learner}/softmax.py", "sha256": "abc", "suite_version": "v1",
              "seed_requested": 1, **batch}
    return store.Record(learner, exercise.name, result=result, **fields)


def test_results_jsonl_keeps_the_latest_and_cuts_a_torn_last_line(tmp_path):
    results = store.Store(tmp_path)
    results.append(record("ann", 3))
    results.append(record("ben", 4))
    results.append(record("ann", 7))
    with results.path.open("a", encoding="utf-8") as file:
        file.write(record("cat", 9).to_line()[:40])  # a run killed in the middle of a write
    loaded = results.load()
    assert {key: r.result.score for key, r in loaded.items()} == {("ann", "softmax"): 7,
                                                                  ("ben", "softmax"): 4}
    assert results.path.read_text(encoding="utf-8").endswith("\n")
    results.append(record("cat", 9))
    assert results.load()[("cat", "softmax")].result.score == 9


def test_suite_version_follows_the_suite_and_the_solution():
    versions = {name: store.suite_version(name) for name in catalog.names()
                if course.suite_path(name).is_file()}
    assert None not in versions.values()
    assert len(set(versions.values())) == len(versions)
    assert store.suite_version("no_such_exercise") is None


def test_the_lock_refuses_a_second_holder_and_frees_on_exit(tmp_path):
    with store.locked(tmp_path):
        with pytest.raises(store.Locked, match=f"pid {os.getpid()}"):
            with store.locked(tmp_path):
                pass
    with store.locked(tmp_path):  # released: a lock file alone does not block
        pass


def test_the_pool_returns_values_and_reports_failures():
    with ForkServerExecutor(2, task_seconds=30) as pool:
        value = pool.submit(math.hypot, 3, 4)
        raised = pool.submit(math.sqrt, -1)
        died = pool.submit(os._exit, 3)
        assert value.result(timeout=60) == 5.0
        with pytest.raises(TaskFailed, match="ValueError: math domain error"):
            raised.result(timeout=60)
        with pytest.raises(TaskFailed, match="exit code 3"):
            died.result(timeout=60)


def test_the_pool_kills_a_task_that_overruns_its_budget():
    with ForkServerExecutor(1, task_seconds=1.0) as pool:
        started = time.monotonic()
        overrun = pool.submit(time.sleep, 60)
        after = pool.submit(math.hypot, 6, 8)
        with pytest.raises(TaskFailed) as failure:
            overrun.result(timeout=60)
        assert failure.value.timed_out
        assert after.result(timeout=60) == 10.0  # the next task is not held up
        assert time.monotonic() - started < 30


def test_terminating_the_pool_stops_running_and_queued_tasks():
    pool = ForkServerExecutor(1, task_seconds=120)
    running = pool.submit(time.sleep, 60)
    queued = pool.submit(time.sleep, 60)
    time.sleep(0.5)
    pool.terminate()
    with pytest.raises(BrokenExecutor):
        running.result(timeout=30)
    assert queued.cancelled()
    with pytest.raises(BrokenExecutor):
        pool.submit(math.hypot, 1, 1)


def test_progress_is_silent_when_stderr_is_not_a_terminal():
    stream = io.StringIO()
    bar = ProgressBar(stream, total=3)
    bar.advance(full_marks=False, error=True)
    bar.close()
    assert stream.getvalue() == ""


def test_progress_shows_counts_failures_and_eta():
    now = [100.0]
    stream = io.StringIO()
    bar = ProgressBar(stream, total=10, done=2, enabled=True, clock=lambda: now[0])
    now[0] += 4.0
    bar.advance(full_marks=False, error=True)
    bar.advance(full_marks=True, error=False)
    line = bar.line(100)
    assert "4/10" in line and "1 below full marks" in line and "1 error ·" in line
    assert "ETA 12s" in line  # 2 graded in 4 s, 6 to go (the 2 kept from before are free)
    assert stream.getvalue().startswith("\r\x1b[K")


class ScriptedExecutor(Executor):
    """Another executor behind the seam: answers at once, failing the files it is told to."""

    def __init__(self, failing: set[str]) -> None:
        self.failing = failing
        self.jobs: list[dict] = []

    def submit(self, fn, /, *args, **kwargs) -> Future:
        assert fn is run_job
        job = args[0]
        self.jobs.append(job)
        future: Future = Future()
        if job["source"] in self.failing:
            future.set_exception(TaskFailed("the suite did not run cleanly"))
        else:
            exercise = catalog.get(job["exercise"])
            future.set_result(Result(exercise.name, exercise.title, job["label"], Status.FAILED,
                                     1.0, float(exercise.points), seed=job["seed"]).to_dict())
        return future


def test_a_grader_failure_is_reported_and_retried_on_the_next_run(tmp_path):
    write(tmp_path / "in", {"ann/softmax.py": b"A = 1\n", "ben/softmax.py": b"B = 1\n",
                            "cat/softmax.py": b""})
    first = ScriptedExecutor(failing={"B = 1\n"})
    outcome = run.grade_class(tmp_path / "in", tmp_path / "out", seed=5,
                              progress=io.StringIO(), executor_factory=lambda jobs, s: first)
    assert len(first.jobs) == 2  # the empty file is an error without a worker
    assert [(p.learner, p.kind) for p in outcome.view.problems] == [
        ("ben", "grader failure"), ("cat", "error")]
    records = store.Store(tmp_path / "out").load()
    assert records[("ben", "softmax")].grader_failure == "the suite did not run cleanly"
    assert "not your fault" in records[("ben", "softmax")].result.message

    second = ScriptedExecutor(failing=set())
    outcome = run.grade_class(tmp_path / "in", tmp_path / "out", seed=5,
                              progress=io.StringIO(), executor_factory=lambda jobs, s: second)
    assert [job["label"] for job in second.jobs] == ["softmax.py"]
    assert second.jobs[0]["source"] == "B = 1\n"
    assert outcome.graded_now == 1 and not outcome.grader_failures
