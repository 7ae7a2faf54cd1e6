"""What the four logic-gate suites share: reading the learner's numbers, running the perceptron
exactly as the course's quiz does, and naming the gate a wrong set of weights computes instead.

The quiz's own check is `int(weight1 * x1 + weight2 * x2 + bias >= 0)`, evaluated with the
learner's numbers as they are. The suites evaluate it the same way, so an answer that sits exactly
on the boundary (the course's own AND answer, 1.0, 1.0, -2) is right here because it is right in
the quiz's table.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from grader.boundary.proxy import Remote
from grader.core.compare import case, fail, kind_of, not_started, show
from grader.i18n import N_, _

INPUTS = ((0, 0), (0, 1), (1, 0), (1, 1))
Table = tuple[int, int, int, int]

# What a truth table over INPUTS computes, in the learner's words: what a perceptron, a network
# or a unit does, said after it ("your perceptron {what}, not AND.").
WHAT: dict[Table, str] = {
    (0, 0, 0, 1): N_("computes AND"),
    (0, 1, 1, 1): N_("computes OR"),
    (1, 1, 1, 0): N_("computes NAND"),
    (1, 0, 0, 0): N_("computes NOR"),
    (0, 1, 1, 0): N_("computes XOR"),
    (1, 0, 0, 1): N_("computes XNOR (NOT XOR)"),
    (0, 0, 1, 1): N_("is a copy of the first input"),
    (0, 1, 0, 1): N_("is a copy of the second input"),
    (1, 1, 0, 0): N_("computes NOT of the first input"),
    (1, 0, 1, 0): N_("computes NOT of the second input"),
    (0, 0, 0, 0): N_("is always 0"),
    (1, 1, 1, 1): N_("is always 1"),
    (0, 0, 1, 0): N_("computes x1 AND NOT x2"),
    (0, 1, 0, 0): N_("computes NOT x1 AND x2"),
    (1, 0, 1, 1): N_("computes x1 OR NOT x2"),
    (1, 1, 0, 1): N_("computes NOT x1 OR x2"),
}


@dataclass(frozen=True)
class Gate:
    """One single-perceptron exercise: the gate to compute and what to say about wrong ones."""

    name: str
    table: Table
    mistakes: dict[Table, str] = field(default_factory=dict)
    positive_weights: bool = False  # AND and OR: an input going from 0 to 1 never lowers them

    def expected(self, x1: int, x2: int) -> int:
        return self.table[INPUTS.index((int(x1), int(x2)))]


# ---------------------------------------------------------------------------------------------
# Reading the learner's values

_INT_TYPES = (int, np.integer)
_REAL_TYPES = (int, float, np.integer, np.floating)


def _fmt(value: Any) -> str:
    """A learner's number as they would write it: 1, 1.0, -2.5."""
    if isinstance(value, _INT_TYPES):
        return str(int(value))
    return repr(float(value))


def _term(value: Any) -> str:
    """A number inside a sum: negative ones in parentheses, as in 1.0*1 + (-2.0)."""
    text = _fmt(value)
    return f"({text})" if text.startswith("-") else text


def check_number(value: Any, name: str) -> Any:
    """The learner's value if it is one finite real number; otherwise a Mismatch saying why."""
    if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iuf":
        value = value[()]
    if isinstance(value, (bool, np.bool_)):
        fail(_("`{name}` is {value}, a True/False value. Set it to a number, such as 1.0 or "
               "-2.0.").format(name=name, value=value))
    if isinstance(value, str):
        fail(_("`{name}` is the text {value}. A number is written without quotes: "
               "{name} = 1.0, not {name} = '1.0'.").format(name=name, value=repr(value)))
    if value is None:
        fail(_("`{name}` is None. Set it to a number, such as 1.0 or -2.0.").format(name=name))
    if isinstance(value, list):
        fail(_("`{name}` is a list ({value}); it must be one number, without brackets.").format(
            name=name, value=show(value)))
    if isinstance(value, (tuple, np.ndarray)):
        fail(_("`{name}` is {kind} ({value}); it must be one number, without brackets.").format(
            name=name, kind=kind_of(value), value=show(value)))
    if isinstance(value, Remote) or not isinstance(value, _REAL_TYPES):
        fail(_("`{name}` is {kind}. Set it to a plain number, such as 1.0 or -2.0.").format(
            name=name, kind=kind_of(value)))
    if isinstance(value, int) and abs(value) > sys.float_info.max:
        fail(_("`{name}` is a whole number of {digits} digits, too large to add to a float (the "
               "largest is about 1.8e308). Use an ordinary number.").format(
            name=name, digits=len(str(abs(value)))))
    if not isinstance(value, int) and math.isnan(value):
        fail(_("`{name}` is {value}, which is not a usable weight: every comparison with nan is "
               "False. Use an ordinary number.").format(name=name, value=repr(float(value))))
    if not isinstance(value, int) and not math.isfinite(value):
        fail(_("`{name}` is {value}, which is not a usable weight: 0 * inf is nan, so the sum is "
               "not a number. Use an ordinary number.").format(name=name,
                                                               value=repr(float(value))))
    return value


def check_array(value: Any, name: str, shape: tuple[int, ...], layout: str) -> np.ndarray:
    """The learner's list or array as float64 of exactly `shape`, or a Mismatch saying why."""
    if value is None or isinstance(value, (bool, np.bool_, str, Remote, *_REAL_TYPES)) \
            or (isinstance(value, np.ndarray) and value.ndim == 0):
        fail(_("`{name}` is {value}; it must be {layout}.").format(
            name=name, value=_describe(value), layout=_(layout)))
    if not isinstance(value, (list, tuple, np.ndarray)):
        fail(_("`{name}` is {value}; it must be {layout}.").format(
            name=name, value=kind_of(value), layout=_(layout)))
    bad = _first_non_number(value)
    if bad is not _ALL_NUMBERS:
        fail(_("`{name}` contains {value}; every entry must be a number (no quotes, no "
               "None).").format(name=name, value=_describe(bad)))
    try:
        array = np.asarray(value, dtype=float)
    except (ValueError, TypeError):
        fail(_("`{name}` has rows of different lengths ({value}); it must be {layout}.").format(
            name=name, value=show(value), layout=_(layout)))
    except OverflowError:
        fail(_("`{name}` contains a number too large for a float (above about 1.8e308); use "
               "ordinary numbers.").format(name=name))
    if array.shape != shape:
        message = _("`{name}` has shape {shape}; it must have shape {expected}: {layout}.").format(
            name=name, shape=array.shape, expected=shape, layout=_(layout))
        note = _shape_note(name, array.shape)
        fail(_both(message, note) if note else message)
    if not np.isfinite(array).all():
        fail(_("`{name}` contains nan or inf ({value}); use ordinary numbers.").format(
            name=name, value=show(array)))
    return array


def _both(first: str, second: str) -> str:
    """Two sentences in a row (Chinese puts no space between them)."""
    return _("{first} {second}").format(first=first, second=second)


def _describe(value: Any) -> str:
    if value is None:
        return "None"
    if isinstance(value, str):
        return _("the text {value}").format(value=repr(value))
    if isinstance(value, (bool, np.bool_)):
        return _("{value}, a True/False value").format(value=value)
    if isinstance(value, _REAL_TYPES):
        return _("the single number {value}").format(value=_fmt(value))
    return kind_of(value)


def _first_non_number(value: Any) -> Any:
    """The first entry of a nested list or array that is not a real number, or _ALL_NUMBERS."""
    if isinstance(value, np.ndarray):
        if value.dtype.kind in "iuf":
            return _ALL_NUMBERS
        items = value.ravel().tolist()
    else:
        items = list(value)
    for item in items:
        if isinstance(item, (list, tuple, np.ndarray)):
            inner = _first_non_number(item)
            if inner is not _ALL_NUMBERS:
                return inner
        elif isinstance(item, (bool, np.bool_)) or not isinstance(item, _REAL_TYPES):
            return item
    return _ALL_NUMBERS


_ALL_NUMBERS = object()


def _shape_note(name: str, shape: tuple[int, ...]) -> str:
    if name == "hidden_weights":
        if shape == (4,):
            return _("Group the four numbers into two rows of two.")
        if shape in ((2, 3), (3, 2)):
            return _("Did you put the biases into hidden_weights? They belong in hidden_bias.")
    if name in ("hidden_bias", "output_weights") and shape in ((2, 1), (1, 2)):
        return _("Write it as a flat list of two numbers, [a, b], not as a row or column.")
    return ""


# ---------------------------------------------------------------------------------------------
# The single perceptron (AND, OR, NOT)

def read_weights(submission: Any, gate: Gate) -> tuple[Any, Any, Any]:
    """weight1, weight2 and bias from the learner's module, checked; "not started" at 0, 0, 0."""
    values = tuple(check_number(getattr(submission, name), name)
                   for name in ("weight1", "weight2", "bias"))
    if all(value == 0 for value in values):
        not_started(_("weight1, weight2 and bias still have their starting value 0.0. Set them "
                      "so that the perceptron computes {gate}.").format(gate=_(gate.name)))
    return values


def linear_combination(weights: tuple[Any, Any, Any], x1: Any, x2: Any) -> Any:
    weight1, weight2, bias = weights
    return weight1 * x1 + weight2 * x2 + bias


def perceptron(weights: tuple[Any, Any, Any], x1: Any, x2: Any, strict: bool = False) -> int:
    """The quiz's perceptron; `strict` is the `> 0` misreading of its step."""
    total = linear_combination(weights, x1, x2)
    return int(total > 0) if strict else int(total >= 0)


def truth_table(weights: tuple[Any, Any, Any], strict: bool = False) -> Table:
    return tuple(perceptron(weights, x1, x2, strict) for x1, x2 in INPUTS)


def diagnose(gate: Gate, weights: tuple[Any, Any, Any]) -> str | None:
    """What the weights compute instead of the gate, in the learner's terms."""
    table = truth_table(weights)
    if table == gate.table:
        return None
    message = _(gate.mistakes[table]) if table in gate.mistakes \
        else _negative_weight(gate, table)
    if message is None:
        message = _("your perceptron {what}, not {gate}.").format(what=_(WHAT[table]),
                                                                 gate=_(gate.name))
    boundary = _boundary_note(weights, gate.table)
    return _both(message, boundary) if boundary else message


def _negative_weight(gate: Gate, table: Table) -> str | None:
    """For AND and OR: an output that drops when one input switches on means a negative weight."""
    if not gate.positive_weights:
        return None
    out = dict(zip(INPUTS, table, strict=True))
    for name, flips in (("weight1", (((0, 0), (1, 0)), ((0, 1), (1, 1)))),
                        ("weight2", (((0, 0), (0, 1)), ((1, 0), (1, 1))))):
        for low, high in flips:
            if out[low] > out[high]:
                return _("{name} pulls the sum down: going from the input {low} to {high} "
                         "turns the output off. {gate} needs positive weights.").format(
                    name=name, low=low, high=high, gate=_(gate.name))
    return None


def _boundary_note(weights: tuple[Any, Any, Any], table: Table) -> str | None:
    """The `>` versus `>=` confusion: the weights are right if a sum of 0 gave 0."""
    if truth_table(weights, strict=True) != table:
        return None
    zeros = [pair for pair in INPUTS if linear_combination(weights, *pair) == 0]
    rows = _listed([f"({a}, {b})" for a, b in zeros])
    # No number here: the hints hand out the answer in their own time (hint 3 gives one).
    return _("Careful with the boundary: for {rows} the sum is exactly 0, and a sum of exactly 0 "
             "already outputs 1 (the step is >= 0, not > 0). Lower the bias a little, so that "
             "those sums fall below 0 while the others stay at 0 or above.").format(rows=rows)


def _listed(items: list[str]) -> str:
    """Inputs or hidden outputs named one after another: "(0, 1) and (1, 0)"."""
    # TRANSLATORS: between two inputs of a list, such as "(0, 1) and (1, 0)".
    return _(" and ").join(items)


def check_row(gate: Gate, weights: tuple[Any, Any, Any], x1: int, x2: int) -> None:
    """One row of the truth table, shown with the learner's own sum (a visible test)."""
    expected = gate.expected(x1, x2)
    total = linear_combination(weights, x1, x2)
    actual = int(total >= 0)
    if actual == expected:
        return
    weight1, weight2, bias = weights
    with case(_("x1 = {x1}, x2 = {x2}, with weight1 = {weight1}, weight2 = {weight2}, bias = "
                "{bias}").format(x1=x1, x2=x2, weight1=_fmt(weight1), weight2=_fmt(weight2),
                                 bias=_fmt(bias))):
        fail(_("For the input ({x1}, {x2}) your perceptron outputs {actual}, but {gate} gives "
               "{expected}.").format(x1=x1, x2=x2, actual=actual, gate=_(gate.name),
                                     expected=expected),
             detail=_("weight1*{x1} + weight2*{x2} + bias = {term1}*{x1} + {term2}*{x2} + "
                      "{bias} = {total}, and {total} {sign} 0, so the output is {actual}.").format(
                 x1=x1, x2=x2, term1=_term(weight1), term2=_term(weight2), bias=_term(bias),
                 total=_fmt(total), sign=">=" if actual else "<", actual=actual),
             expected=expected, actual=actual, cause=diagnose(gate, weights))


def input_forms(rng: np.random.Generator) -> list[tuple[Any, Any, str]]:
    """Every input pair in every form a learner's code might pass, in a random order."""
    forms: list[tuple[Callable[[int], Any], str]] = [
        (int, N_("ints")), (float, N_("floats")), (bool, N_("True/False")),
        (np.int64, N_("NumPy integers")), (np.float64, N_("NumPy floats")),
    ]
    pairs = [(convert(x1), convert(x2), label)
             for x1, x2 in INPUTS for convert, label in forms]
    return [pairs[i] for i in rng.permutation(len(pairs))]


def check_stream(gate: Gate, weights: tuple[Any, Any, Any], rng: np.random.Generator) -> None:
    """The perceptron used as a function on inputs of every form, in a random order."""
    for x1, x2, label in input_forms(rng):
        try:
            output = perceptron(weights, x1, x2)
        except OverflowError:  # a Python int beyond 64 bits times a NumPy integer
            fail(_("With the inputs given as {label}, your perceptron cannot compute its sum: "
                   "one of your numbers is too large for NumPy's 64-bit integers (about 9.2e18 "
                   "at most). Use ordinary numbers, such as 1.0 or -2.0.").format(
                label=_(label)))
        if output == gate.expected(x1, x2):
            continue
        if truth_table(weights) == gate.table:
            fail(_("With the inputs given as {label}, your perceptron's output changes: one of "
                   "its sums is within rounding error of 0. Choose numbers whose sums are exact "
                   "(such as whole numbers or halves) or keep the sums away from 0.").format(
                label=_(label)))
        fail(_("Your perceptron does not compute {gate} for every input.").format(
            gate=_(gate.name)), cause=diagnose(gate, weights))


# ---------------------------------------------------------------------------------------------
# The two-layer XOR network

XOR_TABLE: Table = (0, 1, 1, 0)
XOR_LAYOUT = {
    "hidden_weights": ((2, 2), N_("2x2, one row per hidden unit and one column per input, "
                                  "like [[a, b], [c, d]]")),
    "hidden_bias": ((2,), N_("two numbers, one per hidden unit, like [a, b]")),
    "output_weights": ((2,), N_("two numbers, one per hidden unit, like [a, b]")),
}


@dataclass(frozen=True)
class Network:
    hidden_weights: np.ndarray
    hidden_bias: np.ndarray
    output_weights: np.ndarray
    output_bias: float

    def hidden(self, x: np.ndarray, strict: bool = False, transposed: bool = False) -> np.ndarray:
        weights = self.hidden_weights if transposed else self.hidden_weights.T
        return _step(np.asarray(x, dtype=float) @ weights + self.hidden_bias, strict)

    def output_sum(self, hidden: np.ndarray) -> np.ndarray:
        return hidden @ self.output_weights + self.output_bias

    def run(self, x: np.ndarray, strict_hidden: bool = False, strict_output: bool = False,
            transposed: bool = False) -> np.ndarray:
        hidden = self.hidden(x, strict_hidden, transposed)
        return _step(self.output_sum(hidden), strict_output)

    def table(self, **variant: bool) -> Table:
        return tuple(int(v) for v in self.run(np.array(INPUTS), **variant))


def _step(t: np.ndarray, strict: bool) -> np.ndarray:
    return (t > 0).astype(int) if strict else (t >= 0).astype(int)


def read_network(submission: Any) -> Network:
    """The four names from the learner's module, checked; "not started" while all are zero."""
    arrays = {name: check_array(getattr(submission, name), name, shape, layout)
              for name, (shape, layout) in XOR_LAYOUT.items()}
    output_bias = float(check_number(submission.output_bias, "output_bias"))
    network = Network(arrays["hidden_weights"], arrays["hidden_bias"],
                      arrays["output_weights"], output_bias)
    if not any(array.any() for array in arrays.values()) and output_bias == 0:
        not_started(_("hidden_weights, hidden_bias, output_weights and output_bias are still all "
                      "zeros. Set them so that the network computes XOR."))
    return network


_XOR_MISTAKES: dict[Table, str] = {
    (0, 1, 1, 1): N_("the network computes OR: (1, 1) must give 0 too. OR alone cannot make XOR: "
                     "the output unit must fire only when the OR unit fires AND a second hidden "
                     "unit (such as NAND) says \"not both\"."),
    (1, 0, 0, 1): N_("the network computes XNOR (NOT XOR): the output unit is inverted. Negate "
                     "output_weights and output_bias."),
    (0, 0, 0, 1): N_("the network computes AND: (0, 1) and (1, 0) must give 1 too."),
    (1, 1, 1, 0): N_("the network computes NAND: (0, 0) must give 0."),
    (1, 1, 1, 1): N_("the output is always 1: the output unit's sum never falls below 0. Check "
                     "output_bias."),
    (0, 0, 0, 0): N_("the output is always 0: the output unit's sum never reaches 0. Check "
                     "output_bias."),
}


def diagnose_network(network: Network) -> str | None:
    table = network.table()
    if table == XOR_TABLE:
        return None
    asymmetric = not np.array_equal(network.hidden_weights, network.hidden_weights.T)
    if asymmetric and network.table(transposed=True) == XOR_TABLE:
        return _("hidden_weights looks transposed: row i must hold the two weights of hidden "
                 "unit i (one column per input). Transpose it: the grader computes "
                 "x @ hidden_weights.T + hidden_bias.")
    for layer, variant in ((N_("hidden units"), {"strict_hidden": True}),
                           (N_("output unit"), {"strict_output": True}),
                           (N_("hidden and output units"), {"strict_hidden": True,
                                                            "strict_output": True})):
        if network.table(**variant) == XOR_TABLE:
            return _("a sum of exactly 0 outputs 1 (the step is >= 0, not > 0), and in your "
                     "{layer} some sums are exactly 0. Move those biases a little away from "
                     "the boundary.").format(layer=_(layer))
    message = _(_XOR_MISTAKES[table]) if table in _XOR_MISTAKES \
        else _("the network {what}, not XOR.").format(what=_(WHAT[table]))
    return _both(message, _hidden_note(network))


def _hidden_note(network: Network) -> str:
    """What the hidden layer computes, and whether the output unit could make XOR from it."""
    units = [tuple(int(v) for v in column) for column in network.hidden(np.array(INPUTS)).T]
    note = _("Your hidden unit 1 {first}, and hidden unit 2 {second}.").format(
        first=_(WHAT[units[0]]), second=_(WHAT[units[1]]))
    if units[0] == units[1]:
        return _both(note, _("They must differ: XOR needs two different hidden units, such as "
                             "OR and NAND."))
    codes: dict[tuple[int, int], set[int]] = {}
    for (a, b), want in zip(zip(*units, strict=True), XOR_TABLE, strict=True):
        codes.setdefault((a, b), set()).add(want)
    clash = [code for code, wants in codes.items() if len(wants) > 1]
    if clash:
        return _both(note, _("With these, inputs that need different outputs get the same "
                             "hidden outputs {code}, so no output unit can fix it: change the "
                             "hidden units first.").format(code=clash[0]))
    ones = [code for code, wants in codes.items() if 1 in wants]
    zeros = [code for code, wants in codes.items() if 0 in wants]
    if len(codes) == 4 and tuple(int(code in ones) for code in INPUTS) in (XOR_TABLE,
                                                                          (1, 0, 0, 1)):
        return _both(note, _("From these, the output unit would have to compute XOR itself, "
                             "which one perceptron cannot: change the hidden units."))
    return _both(note, _("That hidden layer can work: the output unit must give 1 for hidden "
                         "outputs {ones} and 0 for {zeros}.").format(ones=_codes(ones),
                                                                     zeros=_codes(zeros)))


def _codes(codes: list[tuple[int, int]]) -> str:
    return _listed([str(code) for code in sorted(codes)])


def check_network_row(network: Network, x1: int, x2: int) -> None:
    expected = XOR_TABLE[INPUTS.index((x1, x2))]
    hidden = network.hidden(np.array([x1, x2]))
    total = float(network.output_sum(hidden))
    actual = int(total >= 0)
    if actual == expected:
        return
    with case(f"x1 = {x1}, x2 = {x2}"):
        fail(_("For the input ({x1}, {x2}) your network outputs {actual}, but XOR gives "
               "{expected}.").format(x1=x1, x2=x2, actual=actual, expected=expected),
             detail=_("The hidden units output ({first}, {second}); the output unit's sum is "
                      "{total}, and {total} {sign} 0, so the output is {actual}.").format(
                 first=int(hidden[0]), second=int(hidden[1]), total=_fmt(total),
                 sign=">=" if actual else "<", actual=actual),
             expected=expected, actual=actual, cause=diagnose_network(network))
