"""Mechanical mutants of a reference solution, for `grader dev mutate`.

A suite is strong when it fails every plausible slip a learner could make. A mutant is one such
slip made on purpose in the solution (an operator swapped, a constant changed, a term dropped, a
return value altered, np.sum for np.mean, an axis changed, a keyword argument left out); a
mutant that still gets full marks shows what the suite lets through.

Only the bodies of the solution's functions and methods are mutated: never a docstring, never
the `if __name__ == "__main__":` demo, which no suite runs, and never a function the stub gives
the learner as it is in the solution (the learner does not write it). Each mutant changes the
source text at one node only (the rest of the file keeps its comments and layout, so its diff
against the solution is the slip and nothing else), and is kept only when its text parses
back to exactly the mutated tree, compiles, and differs from the solution and from every
other mutant.

A mutant's id is `FUNCTION:KIND:HASH`, the hash taken over the mutated function alone: it does
not change when lines are added elsewhere in the file, so a course author can record it in
course.toml as an equivalent mutant and the record stays true until that function changes.
"""

from __future__ import annotations

import ast
import copy
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from grader.i18n import _

CAP = 60

_BINOPS: dict[type, type] = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div,
                             ast.Div: ast.Mult, ast.FloorDiv: ast.Div, ast.MatMult: ast.Mult,
                             ast.Pow: ast.Mult, ast.Mod: ast.FloorDiv}
_COMPARES: dict[type, type] = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE,
                               ast.GtE: ast.Gt, ast.Eq: ast.NotEq, ast.NotEq: ast.Eq,
                               ast.Is: ast.IsNot, ast.IsNot: ast.Is, ast.In: ast.NotIn,
                               ast.NotIn: ast.In}
_BOOLOPS: dict[type, type] = {ast.And: ast.Or, ast.Or: ast.And}
_SYMBOLS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//",
            ast.MatMult: "@", ast.Pow: "**", ast.Mod: "%", ast.Lt: "<", ast.LtE: "<=",
            ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=", ast.Is: "is",
            ast.IsNot: "is not", ast.In: "in", ast.NotIn: "not in", ast.And: "and",
            ast.Or: "or"}
# Functions (np.sum, or the method x.sum) a learner confuses with one another.
_CALLS = {"sum": "mean", "mean": "sum", "max": "min", "min": "max", "argmax": "argmin",
          "argmin": "argmax", "maximum": "minimum", "minimum": "maximum", "exp": "log",
          "log": "exp", "zeros": "ones", "ones": "zeros", "zeros_like": "ones_like",
          "ones_like": "zeros_like", "dot": "multiply", "multiply": "dot"}


@dataclass(frozen=True)
class Mutant:
    id: str  # FUNCTION:KIND:HASH, what course.toml's [[exercise.equivalent]] names
    function: str  # the qualified name of the mutated function, Class.method for a method
    kind: str
    line: int  # where in the solution the change is
    description: str  # the change, as a sentence fragment for a listing: "+ became -"
    source: str  # the whole mutated file


@dataclass(frozen=True)
class Mutants:
    made: tuple[Mutant, ...]  # at most `cap`, in the order of the file
    total: int  # how many there were before sampling


def mutants(source: str, *, cap: int = CAP, stub: str | None = None) -> Mutants:
    """The mutants of `source` (a solution file); raises SyntaxError when it does not parse.
    More than `cap` are sampled down to `cap`, the same ones on every run. The functions that
    `stub` (the exercise's stub, if given and valid) has with the same body are left alone."""
    tree = ast.parse(source)
    given = _given(stub)
    original = ast.dump(tree)
    lines = source.splitlines(keepends=True)
    seen = {original}
    found: list[Mutant] = []
    for qualname, function in _functions(tree):
        if given.get(qualname) == _body(function):
            continue
        for kind, target, replacement, description in _candidates(function):
            made = _apply(source, lines, tree, function, qualname, kind, target, replacement,
                          description)
            if made is None:
                continue
            mutant, dumped = made
            if dumped in seen:
                continue
            seen.add(dumped)
            found.append(mutant)
    total = len(found)
    if total > cap:
        kept = set(sorted(range(total), key=lambda i: _digest(found[i].id))[:cap])
        found = [mutant for index, mutant in enumerate(found) if index in kept]
    return Mutants(made=tuple(found), total=total)


def _given(stub: str | None) -> dict[str, str]:
    """The body of each function of the stub, by qualified name."""
    try:
        tree = ast.parse(stub) if stub is not None else None
    except (SyntaxError, ValueError):
        return {}
    return {name: _body(function) for name, function in _functions(tree)} if tree else {}


def _body(function: ast.FunctionDef | ast.AsyncFunctionDef) -> str:
    return ast.dump(ast.Module(function.body, []))


def _functions(tree: ast.Module) -> Iterator[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    """The module's functions and its classes' methods (a nested function is part of its
    parent), with their qualified names."""
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node.name, node
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    yield f"{node.name}.{item.name}", item


def _body_nodes(function: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[ast.AST]:
    """Every node of the function's body, its docstring left out."""
    body = function.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
            and isinstance(body[0].value.value, str):
        body = body[1:]
    for statement in body:
        yield from ast.walk(statement)


Candidate = tuple[str, ast.AST, ast.AST, str]


def _candidates(function: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[Candidate]:
    """(kind, node, its replacement, description) for each mutation of the function body."""
    for node in _body_nodes(function):
        for rule in _RULES:
            yield from rule(node)


def _with(node: ast.AST, **changes: object) -> ast.AST:
    changed = copy.copy(node)
    for key, value in changes.items():
        setattr(changed, key, value)
    return changed


def _operators(node: ast.AST) -> Iterator[Candidate]:
    if isinstance(node, (ast.BinOp, ast.AugAssign)) and type(node.op) in _BINOPS:
        new = _BINOPS[type(node.op)]
        yield ("swap-operator", node, _with(node, op=new()),
               _("{old} became {new}").format(old=_SYMBOLS[type(node.op)], new=_SYMBOLS[new]))
    elif isinstance(node, ast.Compare):
        for position, op in enumerate(node.ops):
            new = _COMPARES[type(op)]
            ops = [*node.ops[:position], new(), *node.ops[position + 1:]]
            yield ("swap-comparison", node, _with(node, ops=ops),
                   _("{old} became {new}").format(old=_SYMBOLS[type(op)], new=_SYMBOLS[new]))
    elif isinstance(node, ast.BoolOp):
        new = _BOOLOPS[type(node.op)]
        yield ("swap-boolean", node, _with(node, op=new()),
               _("{old} became {new}").format(old=_SYMBOLS[type(node.op)], new=_SYMBOLS[new]))


def _constants(node: ast.AST) -> Iterator[Candidate]:
    if not isinstance(node, ast.Constant):
        return
    value = node.value
    if isinstance(value, bool):
        new: object = not value
    elif isinstance(value, int):
        new = value + 1
    elif isinstance(value, float):
        new = 1.0 if value == 0 else value * 1.5
    else:
        return
    yield ("change-constant", node, ast.Constant(new),
           _("the constant {old!r} became {new!r}").format(old=value, new=new))


def _terms(node: ast.AST) -> Iterator[Candidate]:
    """A term of a sum or a factor of a product left out."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub, ast.Mult,
                                                            ast.Div, ast.MatMult)):
        symbol = _SYMBOLS[type(node.op)]
        yield ("drop-term", node, node.left,
               _("{code} became its left side (the {symbol} dropped)").format(
                   code=ast.unparse(node), symbol=symbol))
        yield ("drop-term", node, node.right,
               _("{code} became its right side (the {symbol} dropped)").format(
                   code=ast.unparse(node), symbol=symbol))


def _signs(node: ast.AST) -> Iterator[Candidate]:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.Not)):
        yield ("drop-unary", node, node.operand,
               _("{old} became {new}").format(old=ast.unparse(node),
                                               new=ast.unparse(node.operand)))
    elif isinstance(node, ast.Return) and node.value is not None \
            and not isinstance(node.value, ast.Tuple):
        negated = ast.UnaryOp(ast.USub(), node.value)
        yield "negate-return", node, _with(node, value=negated), _("the return value negated")


def _returns(node: ast.AST) -> Iterator[Candidate]:
    if not isinstance(node, ast.Return) or node.value is None:
        return
    value = node.value
    if not (isinstance(value, ast.Constant) and value.value is None):
        yield "return-none", node, _with(node, value=ast.Constant(None)), _("returns None")
    if isinstance(value, ast.Tuple) and len(value.elts) == 2:
        swapped = _with(value, elts=value.elts[::-1])
        yield ("return-swapped", node, _with(node, value=swapped),
               _("returns its two values in the other order"))
    elif not isinstance(value, (ast.Constant, ast.Tuple)):
        zero = ast.BinOp(ast.Constant(0), ast.Mult(), value)
        yield "return-zero", node, _with(node, value=zero), _("returns 0 times its value")


def _calls(node: ast.AST) -> Iterator[Candidate]:
    if not isinstance(node, ast.Call):
        return
    func = node.func
    if isinstance(func, ast.Attribute) and func.attr in _CALLS:
        new = _CALLS[func.attr]
        yield ("swap-function", node, _with(node, func=_with(func, attr=new)),
               _("{old} became {new}").format(old=func.attr, new=new))
    elif isinstance(func, ast.Name) and func.id in ("max", "min", "sum"):
        new = {"max": "min", "min": "max", "sum": "len"}[func.id]
        yield ("swap-function", node, _with(node, func=_with(func, id=new)),
               _("{old} became {new}").format(old=func.id, new=new))
    for position, keyword in enumerate(node.keywords):
        if keyword.arg is None:
            continue
        kept = [*node.keywords[:position], *node.keywords[position + 1:]]
        yield ("drop-keyword", node, _with(node, keywords=kept),
               _("the argument {name}= left out").format(name=keyword.arg))
        if keyword.arg == "axis":
            axis = _other_axis(keyword.value)
            if axis is not None:
                keywords = [*node.keywords[:position], ast.keyword("axis", axis),
                            *node.keywords[position + 1:]]
                yield ("change-axis", node, _with(node, keywords=keywords),
                       _("{old} became {new}").format(
                           old=f"axis={ast.unparse(keyword.value)}",
                           new=f"axis={ast.unparse(axis)}"))


def _other_axis(value: ast.expr) -> ast.expr | None:
    """The axis a learner takes by mistake: the other one of a matrix's two, or all of them."""
    if isinstance(value, ast.Constant) and value.value is None:
        return ast.Constant(0)
    if isinstance(value, ast.Constant) and type(value.value) is int:
        return ast.Constant({0: 1, 1: 0}.get(value.value, 0))
    if isinstance(value, ast.UnaryOp) and isinstance(value.op, ast.USub):
        return ast.Constant(0)
    return None


_RULES: tuple[Callable[[ast.AST], Iterator[Candidate]], ...] = (
    _operators, _constants, _terms, _signs, _returns, _calls)


def _apply(source: str, lines: list[str], tree: ast.Module, function: ast.AST, qualname: str,
           kind: str, target: ast.AST, replacement: ast.AST,
           description: str) -> tuple[Mutant, str] | None:
    """The mutant that puts `replacement` in place of `target`, written into the source text
    at the target's place; None when no text gives exactly that tree, or it does not compile."""
    mutated = _replaced(tree, target, replacement)
    expected = ast.dump(mutated)
    text = ast.unparse(replacement)
    start = _offset(lines, target.lineno, target.col_offset)
    end = _offset(lines, target.end_lineno, target.end_col_offset)
    for written in (text, f"({text})"):
        candidate = source[:start] + written + source[end:]
        try:
            parsed = ast.parse(candidate)
        except SyntaxError:
            continue
        if ast.dump(parsed) != expected:
            continue
        try:
            compile(candidate, "<mutant>", "exec")
        except (SyntaxError, ValueError):
            return None
        changed = next(node for name, node in _functions(parsed) if name == qualname)
        digest = _digest(ast.dump(changed))[:8]
        return Mutant(id=f"{qualname}:{kind}:{digest}", function=qualname, kind=kind,
                      line=target.lineno, description=description, source=candidate), expected
    return None


def _replaced(node: ast.AST, target: ast.AST, replacement: ast.AST) -> ast.AST:
    """A copy of the tree with `replacement` where `target` was (found by identity); the
    original tree is left as it was."""
    if node is target:
        return replacement
    clone = copy.copy(node)
    for name, value in ast.iter_fields(node):
        if isinstance(value, list):
            setattr(clone, name, [_replaced(item, target, replacement)
                                  if isinstance(item, ast.AST) else item for item in value])
        elif isinstance(value, ast.AST):
            setattr(clone, name, _replaced(value, target, replacement))
    return clone


def _offset(lines: list[str], line: int, column: int) -> int:
    """The offset in the text of a node's (line, UTF-8 byte column)."""
    before = sum(len(text) for text in lines[:line - 1])
    return before + len(lines[line - 1].encode("utf-8")[:column].decode("utf-8"))


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
