"""The mutants of a solution: each kind of slip is made where it can be, only in function
bodies, with ids that stay the same from run to run, and never one that does not compile or
that is the solution (or another mutant) again."""

from __future__ import annotations

import ast

from hypothesis import given, settings
from hypothesis import strategies as st

from grader.course.mutants import mutants

SOLUTION = '''"""A solution with one of everything."""

import numpy as np

LIMIT = 3


def score(x, weights, bias):
    """The docstring 1 + 2 stays."""
    total = np.sum(x * weights, axis=-1) + bias
    if total < 0 and bias > 0.5:
        return -total
    return np.mean(total)


def pair(a, b):
    return a, b


if __name__ == "__main__":
    print(score(1, 2, 3) + 4)
'''


def _changed(source: str) -> list[str]:
    """The solution's lines that the mutant changed, as they read in the mutant."""
    before, after = SOLUTION.splitlines(), source.splitlines()
    assert len(before) == len(after)
    return [new.strip() for old, new in zip(before, after, strict=True) if old != new]


def _by_kind(kind: str) -> list[list[str]]:
    return [_changed(mutant.source) for mutant in mutants(SOLUTION).made if mutant.kind == kind]


def test_each_kind_of_slip_is_made():
    assert ["total = np.sum(x * weights, axis=-1) - bias"] in _by_kind("swap-operator")
    assert ["total = np.sum(x / weights, axis=-1) + bias"] in _by_kind("swap-operator")
    assert ["if total <= 0 and bias > 0.5:"] in _by_kind("swap-comparison")
    assert ["if total < 0 and bias >= 0.5:"] in _by_kind("swap-comparison")
    assert ["if total < 0 or bias > 0.5:"] in _by_kind("swap-boolean")
    assert sorted(_by_kind("change-constant")) == [
        ["if total < 0 and bias > 0.75:"], ["if total < 1 and bias > 0.5:"],
        ["total = np.sum(x * weights, axis=-2) + bias"]]
    assert ["total = np.sum(x * weights, axis=-1)"] in _by_kind("drop-term")
    assert ["total = bias"] in _by_kind("drop-term")
    assert ["total = np.sum(weights, axis=-1) + bias"] in _by_kind("drop-term")
    assert ["return total"] in _by_kind("drop-unary")
    assert ["return -np.mean(total)"] in _by_kind("negate-return")
    assert ["return None"] in _by_kind("return-none")
    assert ["return 0 * np.mean(total)"] in _by_kind("return-zero")
    assert ["return (b, a)"] in _by_kind("return-swapped")
    assert ["total = np.mean(x * weights, axis=-1) + bias"] in _by_kind("swap-function")
    assert ["return np.sum(total)"] in _by_kind("swap-function")
    assert _by_kind("drop-keyword") == [["total = np.sum(x * weights) + bias"]]
    assert _by_kind("change-axis") == [["total = np.sum(x * weights, axis=0) + bias"]]


def test_docstrings_module_constants_and_the_demo_are_left_alone():
    for mutant in mutants(SOLUTION).made:
        tree = ast.parse(mutant.source)
        assert ast.get_docstring(tree.body[3]) == "The docstring 1 + 2 stays."
        assert "LIMIT = 3" in mutant.source
        assert mutant.source.endswith('    print(score(1, 2, 3) + 4)\n')
        assert mutant.line in range(10, 18)


def test_ids_are_stable_unique_and_survive_lines_added_elsewhere():
    first = [mutant.id for mutant in mutants(SOLUTION).made]
    assert first == [mutant.id for mutant in mutants(SOLUTION).made]
    assert len(set(first)) == len(first)
    assert all(mutant_id.split(":")[0] in ("score", "pair") for mutant_id in first)
    moved = SOLUTION.replace("LIMIT = 3\n", "LIMIT = 3\nOTHER = 4\n\n# a comment\n")
    assert [mutant.id for mutant in mutants(moved).made] == first


def test_every_mutant_compiles_and_differs_from_the_solution_and_the_others():
    made = mutants(SOLUTION).made
    dumps = [ast.dump(ast.parse(mutant.source)) for mutant in made]
    assert ast.dump(ast.parse(SOLUTION)) not in dumps
    assert len(set(dumps)) == len(dumps)


def test_a_precedence_change_is_written_with_parentheses():
    source = "def f(a, b, c):\n    return a * (b + c)\n"
    texts = {mutant.source.splitlines()[1].strip() for mutant in mutants(source).made}
    assert "return a * (b - c)" in texts
    assert "return a / (b + c)" in texts
    source = "def f(a, b):\n    return a ** b\n"
    texts = {mutant.source.splitlines()[1].strip() for mutant in mutants(source).made}
    assert "return a * b" in texts


def test_many_mutants_are_sampled_to_the_cap_the_same_way_every_time():
    body = "".join(f"    x = x + {n}\n" for n in range(1, 40))
    source = f"def f(x):\n{body}    return x\n"
    sampled = mutants(source, cap=25)
    assert len(sampled.made) == 25 and sampled.total > 100
    assert sampled == mutants(source, cap=25)
    lines = [mutant.line for mutant in sampled.made]
    assert lines == sorted(lines)


OPERATORS = st.sampled_from(["+", "-", "*", "/", "**", "//", "%"])
ATOMS = st.one_of(st.sampled_from(["x", "y", "-x", "(x - y)"]),
                  st.integers(0, 9).map(str), st.floats(0, 10, allow_nan=False).map(repr))


@st.composite
def expressions(draw, depth=3):
    if depth == 0 or draw(st.booleans()):
        return draw(ATOMS)
    return (f"({draw(expressions(depth=depth - 1))} {draw(OPERATORS)} "
            f"{draw(expressions(depth=depth - 1))})")


@settings(max_examples=150, deadline=None)
@given(expressions(), st.sampled_from(["<", ">=", "=="]))
def test_every_mutant_of_a_random_arithmetic_function_compiles_and_differs(expression, compare):
    source = (f"def f(x, y):\n    value = {expression}\n    if value {compare} y and x > 0:\n"
              "        return value\n    return -value\n")
    original = ast.dump(ast.parse(source))
    seen = set()
    for mutant in mutants(source).made:
        compile(mutant.source, "<mutant>", "exec")
        dumped = ast.dump(ast.parse(mutant.source))
        assert dumped != original and dumped not in seen
        seen.add(dumped)


def test_a_function_the_stub_gives_as_it_is_is_not_mutated():
    stub = SOLUTION.replace('''    total = np.sum(x * weights, axis=-1) + bias
    if total < 0 and bias > 0.5:
        return -total
    return np.mean(total)''', "    raise NotImplementedError")
    functions = {mutant.function for mutant in mutants(SOLUTION, stub=stub).made}
    assert functions == {"score"}
    assert {mutant.function for mutant in mutants(SOLUTION, stub="def (").made} == \
        {"score", "pair"}


def test_a_solution_without_functions_has_no_mutants():
    assert mutants('"""Weights."""\nweight1 = 1.0\nbias = -2\n') == mutants("", cap=5)
    assert mutants("weight1 = 1.0\n").made == ()
