"""Strange values are a grade, not a grader failure.

For every exercise and every name a learner defines there, a submission is generated from the
reference solution with that one name made strange: a function (or class) returns the strange
value, a module-level value is it, a method of a class returns it, an attribute a class sets in
`__init__` is it. Each is graded through the real pipeline; every one must come back graded
(passed or failed, so exit code 0 or 1), with a message on every test that did not pass, and
none may say that the grader could not check the result.

The names come from the exercise's stub and solution, so a new exercise is covered without
touching this file. All submissions of an exercise are graded at once, in one worker pool.
"""

from __future__ import annotations

import ast
import threading
from concurrent.futures import Future
from dataclasses import dataclass

import pytest

from grader.batch.executor import ForkServerExecutor, TaskFailed, run_job
from grader.boundary.launch import Limits
from grader.core import grading
from grader.course import catalog
from grader.course import paths as course
from grader.results import Result, Status

SEED = 20261129
# Each is a Python expression, evaluated in the learner's module (numpy is imported as np).
STRANGE = {
    "int_10e400": "10**400",
    "nan": "float('nan')",
    "inf": "float('inf')",
    "1e308": "1e308",
    "minus_zero": "-0.0",
    "object_array": "np.array([1.0, 'a', None], dtype=object)",
    "bool": "True",
    "complex": "1 + 2j",
    "complex_array": "np.array([0.5 + 1j, 0.5 - 1j])",
    "string": "'0.5'",
    "none": "None",
    "ragged": "[[1.0, 2.0], [3.0]]",
    "empty_array": "np.zeros(0)",
    "empty_list": "[]",
    "million": "np.zeros(10**6)",
}


@dataclass(frozen=True)
class Case:
    exercise: str
    target: str  # what is strange: "softmax()", "weight1", "NeuralNetwork.run()", ...
    value: str

    @property
    def id(self) -> str:
        return f"{self.exercise}:{self.target}={self.value}"

    def source(self) -> str:
        reference = course.solution_path(self.exercise).read_text()
        expression = STRANGE[self.value]
        owner, _, member = self.target.partition(".")
        name = owner.removesuffix("()")
        if not member:
            if owner.endswith("()"):
                patch = f"def {name}(*args, **kwargs):\n    return {expression}\n"
            else:
                patch = f"{name} = {expression}\n"
        elif member.endswith("()"):
            patch = (f"class {name}({name}):\n"
                     f"    def {member[:-2]}(self, *args, **kwargs):\n"
                     f"        return {expression}\n")
        else:
            patch = (f"class {name}({name}):\n"
                     "    def __init__(self, *args, **kwargs):\n"
                     "        super().__init__(*args, **kwargs)\n"
                     f"        self.{member} = {expression}\n")
        return f"{reference}\n\nimport numpy as np\n\n{patch}"


def _targets(exercise: str) -> list[str]:
    """Every name the learner defines: the stub's functions, classes and values, and each
    class's methods and the attributes its solution sets on self."""
    stub = ast.parse(course.stub_path(exercise).read_text())
    solution = ast.parse(course.solution_path(exercise).read_text())
    classes = {node.name: node for node in solution.body if isinstance(node, ast.ClassDef)}
    targets = []
    for node in stub.body:
        if isinstance(node, ast.FunctionDef):
            targets.append(f"{node.name}()")
        elif isinstance(node, ast.Assign):
            targets += [target.id for target in node.targets if isinstance(target, ast.Name)]
        elif isinstance(node, ast.ClassDef):
            targets.append(f"{node.name}()")
            members = classes.get(node.name, node)
            methods = [item.name for item in members.body if isinstance(item, ast.FunctionDef)]
            targets += [f"{node.name}.{method}()" for method in methods
                        if not method.startswith("__")]
            attributes = {target.attr for item in ast.walk(members)
                          if isinstance(item, ast.Assign) for target in item.targets
                          if isinstance(target, ast.Attribute)
                          and isinstance(target.value, ast.Name) and target.value.id == "self"}
            targets += [f"{node.name}.{attribute}" for attribute in sorted(attributes)]
    return targets


CASES = [Case(exercise, target, value) for exercise in catalog.names()
         for target in _targets(exercise) for value in STRANGE]


class _Grader:
    """One worker pool for the module; an exercise's cases are all submitted on first use."""

    def __init__(self) -> None:
        self.pool = ForkServerExecutor(max_workers=2, task_seconds=180.0)
        self.futures: dict[str, Future] = {}
        self.lock = threading.Lock()

    def result(self, case: Case) -> Result:
        with self.lock:
            if case.id not in self.futures:
                for other in CASES:
                    if other.exercise == case.exercise:
                        job = grading.make_job(other.source().encode(), f"{other.exercise}.py",
                                               catalog.get(other.exercise), SEED, Limits())
                        self.futures[other.id] = self.pool.submit(run_job, job)
        try:
            return Result.from_dict(self.futures[case.id].result())
        except TaskFailed as failure:
            pytest.fail(f"the grader failed (exit code 3): {failure}\n{failure.detail}")


@pytest.fixture(scope="module")
def grader():
    graded = _Grader()
    yield graded
    graded.pool.shutdown(cancel_futures=True)


def test_every_exercise_has_names_to_make_strange():
    for exercise in catalog.names():
        assert _targets(exercise), f"no names found for {exercise}"


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_a_strange_value_is_graded_with_a_message(grader, case):
    result = grader.result(case)
    assert result.status in (Status.PASSED, Status.FAILED, Status.ERROR)
    if result.status is Status.ERROR:
        assert result.message, "an error result says why"
    for test in result.tests:
        if test.status in (Status.FAILED, Status.ERROR, Status.TIMEOUT):
            assert test.message, f"{test.name} failed without a message"
            assert "could not check this result" not in test.message, test.message
