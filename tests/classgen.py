"""A generated class of learners, for the batch tests and bench/batch.py.

Every exercise whose stub, solution and suite exist takes part; nothing here lists exercises.
Each submission is one of these kinds:
- correct: a copy of the reference solution;
- wrong: the solution with a small mutation (every returned value scaled, or, for files that only
  set numbers, every number negated), so it runs but loses points;
- stub: the untouched stub from exercises/;
- broken: the solution with a syntax error added;
- exit: `sys.exit(0)` at import (hostile); loop: an endless loop at import (hostile, slow: it costs
  the import time limit);
- unreadable: empty, binary, Latin-1 or over the 1 MB cap (graded errors without running).
A learner may also miss exercises, and some files match nothing (notes.txt, helper.py, files
directly in the class folder), which `grader report` must list as skipped.
"""

from __future__ import annotations

import ast
import random
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from grader.course import catalog
from grader.course import paths as course

KINDS = ("correct", "wrong", "stub", "broken")
HOSTILE = ("exit", "loop")
UNREADABLE = ("empty", "binary", "latin1", "huge")


def gradable() -> list[catalog.Exercise]:
    return [exercise for exercise in catalog.exercises()
            if course.stub_path(exercise.name).is_file()
            and course.solution_path(exercise.name).is_file()
            and course.suite_path(exercise.name).is_file()]


@dataclass
class ClassPlan:
    root: Path
    submissions: dict[tuple[str, str], str] = field(default_factory=dict)  # -> kind
    junk: list[str] = field(default_factory=list)  # paths that must be listed as skipped

    @property
    def learners(self) -> list[str]:
        return sorted({learner for learner, _ in self.submissions}, key=str.casefold)

    def path(self, learner: str, exercise: str) -> Path:
        return self.root / learner / f"{exercise}.py"

    def of_kind(self, kind: str) -> list[tuple[str, str]]:
        return sorted(key for key, value in self.submissions.items() if value == kind)


def generate(root: Path, learners: int = 40, *, per_learner: int | None = 2, seed: int = 7,
             hostile: tuple[str, ...] = HOSTILE, unreadable: tuple[str, ...] = UNREADABLE,
             junk: bool = True) -> ClassPlan:
    """Write a class under `root`. `per_learner` exercises each (None: all of them), chosen in
    rotation so that every exercise meets every kind; hostile and unreadable kinds go to the
    first learners, one each."""
    rng = random.Random(seed)
    exercises = gradable()
    plan = ClassPlan(root)
    names = [f"learner{number:02d}" for number in range(1, learners + 1)]
    if learners >= 3:
        names[1], names[2] = "José Núñez", "o'brien & <co>"  # escaping and file names
    slot = 0
    for index, learner in enumerate(names):
        count = len(exercises) if per_learner is None else min(per_learner, len(exercises))
        for offset in range(count):
            exercise = exercises[(slot + offset) % len(exercises)]
            # Kinds rotate along the class, shifted by one at each round of the course, so that
            # every kind appears however many exercises there are, and meets every exercise.
            turn = slot + offset
            kind = KINDS[(turn + turn // len(exercises)) % len(KINDS)] if per_learner \
                else rng.choices(KINDS, weights=(5, 3, 1, 1))[0]
            plan.submissions[(learner, exercise.name)] = kind
        slot += count
        if per_learner is not None and index % 7 == 6:
            slot += 1  # some learners miss an exercise another learner submits
    special = list(hostile) + list(unreadable)
    for learner, kind in zip(names, special, strict=False):
        exercise = next(name for (who, name) in plan.submissions if who == learner)
        plan.submissions[(learner, exercise)] = kind
    for (learner, exercise), kind in plan.submissions.items():
        path = plan.path(learner, exercise)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(source(exercise, kind))
    if junk:
        extras = {f"{names[0]}/notes.txt": b"remember to submit\n",
                  f"{names[-1]}/helper.py": b"def helper():\n    return 1\n",
                  "README.md": b"# class export\n",
                  f"{names[0]}/.DS_Store": b"\0\0"}
        for relative, data in extras.items():
            (root / relative).parent.mkdir(parents=True, exist_ok=True)
            (root / relative).write_bytes(data)
            plan.junk.append(relative)
    return plan


def source(exercise: str, kind: str) -> bytes:
    solution = course.solution_path(exercise).read_text(encoding="utf-8")
    if kind == "correct":
        return solution.encode()
    if kind == "wrong":
        return mutate(solution).encode()
    if kind == "stub":
        return course.stub_path(exercise).read_bytes()
    if kind == "broken":
        return (solution + "\n\ndef unfinished(:\n    pass\n").encode()
    if kind == "exit":
        return ("import sys\nsys.exit(0)\n" + solution).encode()
    if kind == "loop":
        return ("while True:\n    pass\n" + solution).encode()
    if kind == "empty":
        return b""
    if kind == "binary":
        return b"\x7fELF\x02\x01\x01\x00" + bytes(range(256))
    if kind == "latin1":
        return "# Übung: Softmax\n".encode("latin-1") + solution.encode()
    if kind == "huge":
        return solution.encode() + b"#" * (1024 * 1024 + 10) + b"\n"
    raise ValueError(f"unknown kind {kind!r}")


class _ScaleReturns(ast.NodeTransformer):
    def visit_Return(self, node: ast.Return) -> ast.Return:
        if node.value is None or (isinstance(node.value, ast.Constant)
                                  and node.value.value is None):
            return node
        node.value = ast.BinOp(left=node.value, op=ast.Mult(), right=ast.Constant(1.5))
        return node


class _NegateNumbers(ast.NodeTransformer):
    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        if isinstance(node.value, bool) or not isinstance(node.value, int | float):
            return node
        return ast.Constant(-node.value if node.value else 1.0)


def mutate(solution: str) -> str:
    """A small, deterministic mistake: returned values x1.5, or module-level numbers negated."""
    tree = ast.parse(solution)
    returns = any(isinstance(node, ast.Return) and node.value is not None
                  for node in ast.walk(tree))
    if returns:
        tree = _ScaleReturns().visit(tree)
    else:
        for statement in tree.body:
            if isinstance(statement, ast.Assign | ast.AnnAssign):
                _NegateNumbers().visit(statement)
    return ast.unparse(ast.fix_missing_locations(tree)) + "\n"


def zip_class(root: Path, archive: Path, wrapper: str | None = "export") -> Path:
    """The class as a learning platform exports it: one .zip, optionally inside one folder."""
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as handle:
        for path in sorted(root.rglob("*")):
            if path.is_file():
                relative = path.relative_to(root).as_posix()
                handle.write(path, f"{wrapper}/{relative}" if wrapper else relative)
    return archive
