"""Hidden suite: backpropagation (seed sections 12-14).

Besides the course's examples and random networks, the deltas are checked against the error
itself: a finite-difference slope of E = 0.5 * (target - output)**2, so that an answer which agrees
with a wrong idea of the formula still fails for the right reason.
"""

import numpy as np
import pytest

from grader.core.compare import Mismatch, assert_close, case, fail, kind_of, numbers
from grader.feedback import LIKELY_CAUSE, Raised
from grader.i18n import N_, _

# Section 13 (one sigmoid unit) and section 14 (the two-layer network), as in EXERCISES.md.
STEP_X, STEP_Y, STEP_WEIGHTS, STEP_LEARNRATE = [0.1, 0.3], 0.2, [-0.8, 0.5], 0.5
NET_X = [0.5, 0.1, -0.2]
NET_TARGET = 0.6
NET_LEARNRATE = 0.5
NET_W_I_H = [[0.5, -0.6], [0.1, -0.2], [0.1, 0.7]]
NET_W_H_O = [0.1, -0.3]
NET_DELTA_W_H_O = [0.00804047, 0.00555918]
NET_DELTA_W_I_H = [[1.77005547e-04, -5.11178506e-04],
                   [3.54011093e-05, -1.02235701e-04],
                   [-7.08022187e-05, 2.04471402e-04]]

FINITE_DIFFERENCE_STEP = 1e-6
GRADIENT_CHECK = N_(
    "The grader checked your deltas against the error itself: it nudged each weight up and "
    "down by 1e-6, measured how E = 0.5 * (target - output)**2 changes (the slope dE/dw), and "
    "expects every delta to be -learnrate * dE/dw, a small step downhill.")


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


# --- sigmoid_prime and error_term_formula ------------------------------------------------------

def _sigmoid_prime_cause(x):
    s = _sigmoid(x)
    known = (
        (s, _("this is the sigmoid itself; its derivative is sigmoid(x) * (1 - sigmoid(x)).")),
        (x * (1 - x), _("you computed x * (1 - x): that form needs the sigmoid's output, not "
                        "its input. sigmoid_prime(x) = sigmoid(x) * (1 - sigmoid(x)).")),
        (s * (1 + s), _("the sign inside is flipped: sigmoid(x) * (1 - sigmoid(x)).")),
        (1 - s, _("you dropped the first factor: sigmoid(x) * (1 - sigmoid(x)).")),
        (_sigmoid(s) * (1 - _sigmoid(s)), _("the sigmoid is applied twice: use sigmoid(x) * "
                                            "(1 - sigmoid(x)) with x itself.")),
    )
    return _matcher(known)


def _error_term_cause(y, output):
    known = (
        (y - output, _("the error is not multiplied by the sigmoid's derivative, "
                       "output * (1 - output).")),
        ((output - y) * output * (1 - output), _("the sign is flipped: the error is "
                                                 "y - output.")),
        ((y - output) * _sigmoid(output) * (1 - _sigmoid(output)),
         _("sigmoid_prime(output) applies the sigmoid a second time: output is already a "
           "sigmoid, so its derivative is output * (1 - output).")),
        ((y - output) * output, _("the factor (1 - output) is missing.")),
        ((y - output) * (1 - output), _("the factor output is missing.")),
    )
    return _matcher(known)


def _matcher(known):
    def cause(actual):
        for value, message in known:
            value = np.asarray(value, dtype=float)
            if value.shape == actual.shape and np.allclose(actual, value, rtol=1e-6, atol=1e-12):
                return message
        return None
    return cause


def _check_sigmoid_prime(submission, x, shown, what):
    with case(shown):
        expected = _sigmoid(x) * (1 - _sigmoid(x))
        assert_close(submission.sigmoid_prime(x), expected, what=what,
                     diagnose=_sigmoid_prime_cause(x))


@pytest.mark.points(1)
@pytest.mark.hint(1)
@pytest.mark.twin("test_sigmoid_prime_random")
def test_sigmoid_prime(submission):
    """sigmoid_prime(0) is 0.25, and it works on arrays"""
    _check_sigmoid_prime(submission, np.float64(0.0), "sigmoid_prime(0.0)", "sigmoid_prime(0.0)")
    x = np.array([-3.0, -0.5, 0.0, 1.0, 2.5])
    _check_sigmoid_prime(submission, x, f"sigmoid_prime(np.array({x.tolist()}))",
                         _("sigmoid_prime of an array"))


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(1)
def test_sigmoid_prime_random(submission, rng):
    """sigmoid_prime of a random number and of a random array"""
    x = np.float64(round(float(rng.normal(0.0, 2.0)), 3))
    _check_sigmoid_prime(submission, x, _("sigmoid_prime of a random number"),
                         _("sigmoid_prime of a random number"))
    _check_sigmoid_prime(submission, rng.normal(0.0, 2.0, 6),
                         _("sigmoid_prime of a random array"),
                         _("sigmoid_prime of a random array"))


def _check_error_term(submission, y, output, shown):
    with case(shown):
        assert_close(submission.error_term_formula(y, output),
                     (y - output) * output * (1 - output), what=shown,
                     diagnose=_error_term_cause(np.float64(y), np.float64(output)))


@pytest.mark.points(1)
@pytest.mark.hint(2)
@pytest.mark.twin("test_error_term_formula_random")
def test_error_term_formula(submission):
    """error_term_formula(y, output) = (y - output) * output * (1 - output)"""
    for y, output in ((0.6, 0.3), (0.2, 0.5174928), (1.0, 0.9)):
        _check_error_term(submission, y, output, f"error_term_formula({y}, {output})")


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(2)
def test_error_term_formula_random(submission, rng):
    """error_term_formula on random targets and outputs"""
    for _draw in range(3):
        y = round(float(rng.uniform(0, 1)), 4)
        output = round(float(rng.uniform(0.05, 0.95)), 4)
        _check_error_term(submission, y, output,
                          _("error_term_formula of a random target and output"))


# --- gradient_step: one sigmoid unit -----------------------------------------------------------

def _gradient_step_cause(x, y, weights, learnrate):
    h = x @ weights
    output = _sigmoid(h)
    error = y - output
    term = error * output * (1 - output)
    right = learnrate * term * x
    known = (
        (-right, _("the sign is flipped: error = y - output, and del_w = +learnrate * "
                   "error_term * x.")),
        (right / learnrate, _("the learning rate is missing: multiply by learnrate.")),
        (learnrate * error * x, _("the error is not multiplied by the sigmoid's derivative "
                                  "sigmoid_prime(h).")),
        (learnrate * error * _sigmoid(output) * (1 - _sigmoid(output)) * x,
         _("sigmoid_prime was given the output; it takes h, the linear combination x . w.")),
        (learnrate * term, _("del_w needs one change per weight: multiply by x.")),
        (learnrate * term * weights, _("you multiplied by the weights; the change of weight i "
                                       "is learnrate * error_term * x[i].")),
    )
    matcher = _matcher(known)

    def cause(actual):
        if actual.shape == (2,) and x.shape != (2,):
            return _("del_w has two values for a unit with more inputs: the course's "
                     "[learnrate * error_term * x[0], learnrate * error_term * x[1]] only works "
                     "for two inputs. Use learnrate * error_term * x.")
        return matcher(actual)

    return cause


def _check_gradient_step(submission, reference, x, y, weights, learnrate, shown):
    with case(shown):
        actual = submission.gradient_step(np.array(x), y, np.array(weights), learnrate)
        expected = reference.gradient_step(np.array(x), y, np.array(weights), learnrate)
        assert_close(actual, expected, what="del_w",
                     diagnose=_gradient_step_cause(np.array(x), y, np.array(weights), learnrate))


@pytest.mark.points(1)
@pytest.mark.hint(2)
@pytest.mark.twin("test_gradient_step_random")
def test_gradient_step_seed_example(submission, reference):
    """gradient_step: the course's sigmoid unit (x=[0.1, 0.3], y=0.2, weights=[-0.8, 0.5])"""
    _check_gradient_step(submission, reference, STEP_X, STEP_Y, STEP_WEIGHTS, STEP_LEARNRATE,
                         f"gradient_step(np.array({STEP_X}), {STEP_Y}, np.array({STEP_WEIGHTS}), "
                         f"{STEP_LEARNRATE})")


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(2)
def test_gradient_step_random(submission, reference, rng):
    """gradient_step on random units and learning rates"""
    for size in (3, 5):
        x = rng.normal(0, 1, size)
        weights = rng.normal(0, 1, size)
        y, learnrate = float(rng.uniform(0, 1)), float(rng.uniform(0.05, 1.0))
        _check_gradient_step(submission, reference, x, y, weights, learnrate,
                             _("gradient_step on a random unit with {n} inputs").format(
                                 n=size))


# --- backprop: the two-layer network -----------------------------------------------------------

def _mistakes(x, target, w_i_h, w_h_o, learnrate):
    """The correct deltas, and the deltas each likely mistake gives, with what it is."""
    hidden_in = x @ w_i_h
    hidden = _sigmoid(hidden_in)
    output = _sigmoid(hidden @ w_h_o)
    error = target - output
    out_term = error * output * (1 - output)

    def deltas(out_term=out_term, hidden_term=None, h_o_factor=hidden):
        if hidden_term is None:
            hidden_term = out_term * w_h_o * hidden * (1 - hidden)
        return learnrate * hidden_term * x[:, None], learnrate * out_term * h_o_factor

    right = deltas()
    flat = (learnrate * out_term * w_h_o * hidden * (1 - hidden) * x if x.shape == hidden.shape
            else None)
    twice = error * _sigmoid(output) * (1 - _sigmoid(output))
    return right, (
        (deltas(hidden_term=out_term * w_h_o),
         _("the hidden error term is missing the hidden layer's sigmoid derivative: multiply by "
           "hidden_layer_output * (1 - hidden_layer_output).")),
        (deltas(hidden_term=out_term * w_h_o * _sigmoid(hidden) * (1 - _sigmoid(hidden))),
         _("sigmoid_prime(hidden_layer_output) applies the sigmoid twice: the hidden layer's "
           "derivative is hidden_layer_output * (1 - hidden_layer_output).")),
        (deltas(out_term=twice, hidden_term=twice * w_h_o * _sigmoid(hidden)
                * (1 - _sigmoid(hidden))),
         _("sigmoid_prime was given the layers' outputs, which applies the sigmoid twice: use "
           "output * (1 - output) and hidden_layer_output * (1 - hidden_layer_output).")),
        (deltas(out_term=error),
         _("the output error term is missing the sigmoid's derivative: "
           "output_error_term = error * output * (1 - output).")),
        (deltas(hidden_term=error * w_h_o * hidden * (1 - hidden)),
         _("the hidden error term must start from output_error_term (error * output * "
           "(1 - output)), not from the raw error.")),
        (deltas(hidden_term=out_term * w_h_o * output * (1 - output)),
         _("the hidden error term used the output's derivative; use the hidden layer's, "
           "hidden_layer_output * (1 - hidden_layer_output).")),
        (tuple(-d for d in right),
         _("the sign is flipped: error = target - output, and the deltas are added to the "
           "weights.")),
        (tuple(d / learnrate for d in right),
         _("the learning rate is missing: multiply both deltas by learnrate.")),
        (deltas(h_o_factor=output),
         _("delta_w_h_o used the network's output; the hidden-to-output weights change by "
           "learnrate * output_error_term * hidden_layer_output.")),
        (deltas(h_o_factor=hidden_in),
         _("delta_w_h_o used hidden_layer_input (before the sigmoid); use hidden_layer_output.")),
        (deltas(h_o_factor=x),
         _("delta_w_h_o used the inputs x; use hidden_layer_output.")),
        ((right[0].T, right[1]),
         _("delta_w_i_h is transposed: it must have the shape of weights_input_hidden, "
           "(n_inputs, n_hidden). Use hidden_error_term * x[:, None], not np.outer(hidden_error_"
           "term, x).")),
        ((flat, right[1]),
         _("delta_w_i_h needs one change per weight: multiply hidden_error_term by x[:, None] (a "
           "column), which gives an (n_inputs, n_hidden) matrix.")),
    )


def _diagnose(mistakes, which):
    right, known = mistakes

    def cause(actual):
        for wrong, message in known:
            if wrong[which] is None:
                continue
            candidate = np.asarray(wrong[which], dtype=float)
            if candidate.shape == right[which].shape and np.allclose(candidate, right[which]):
                continue
            if candidate.shape == actual.shape and np.allclose(actual, candidate, rtol=1e-6,
                                                               atol=1e-12):
                return message
        return None

    return cause


def _call_backprop(submission, x, target, w_i_h, w_h_o, learnrate):
    """The learner's (delta_w_i_h, delta_w_h_o) as arrays, after checking what came back."""
    try:
        result = submission.backprop(np.array(x), target, np.array(w_i_h), np.array(w_h_o),
                                     learnrate)
    except Raised as error:
        if error.type_name == "ValueError" and "broadcast" in error.message:
            error.message += "\n" + _(LIKELY_CAUSE).format(cause=_(
                "hidden_error_term has one value per hidden unit and x one per input; x[:, None] "
                "(a column) times hidden_error_term (a row) gives the (n_inputs, n_hidden) "
                "matrix delta_w_i_h."))
        raise
    n_inputs, n_hidden = np.shape(w_i_h)
    if result is None:
        fail(_("backprop returned None. Did you forget `return delta_w_i_h, delta_w_h_o`?"))
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        fail(_("backprop returned {kind}; it should return two arrays: "
               "`return delta_w_i_h, delta_w_h_o`.").format(kind=kind_of(result)),
             actual=result)
    first = numbers(result[0], _("delta_w_i_h (the first value backprop returns)"))
    second = numbers(result[1], _("delta_w_h_o (the second value backprop returns)"))
    if first.shape == (n_hidden,) and second.shape == (n_inputs, n_hidden) and \
            n_inputs != 1:
        fail(_("backprop returned the two deltas in the wrong order: return "
               "(delta_w_i_h, delta_w_h_o), input-to-hidden first."))
    return first, second


def _check_backprop(submission, x, target, w_i_h, w_h_o, learnrate, expected, *, rtol=1e-6,
                    atol=(1e-12, 1e-12)):
    x, w_i_h, w_h_o = (np.asarray(a, dtype=float) for a in (x, w_i_h, w_h_o))
    mistakes = _mistakes(x, target, w_i_h, w_h_o, learnrate)
    d_i_h, d_h_o = _call_backprop(submission, x, target, w_i_h, w_h_o, learnrate)
    assert_close(d_h_o, expected[1], what="delta_w_h_o", rtol=rtol, atol=atol[1],
                 diagnose=_diagnose(mistakes, 1))
    assert_close(d_i_h, expected[0], what="delta_w_i_h", rtol=rtol, atol=atol[0],
                 diagnose=_diagnose(mistakes, 0))


def _random_network(rng, n_inputs, n_hidden):
    return (rng.normal(0, 1, n_inputs), float(rng.uniform(0, 1)),
            rng.normal(0, 0.8, (n_inputs, n_hidden)), rng.normal(0, 0.8, n_hidden),
            float(rng.uniform(0.1, 1.0)))


@pytest.mark.points(1)
@pytest.mark.hint(3)
@pytest.mark.twin("test_backprop_random_networks")
def test_backprop_seed_example(submission):
    """backprop: the course's two-layer example (x=[0.5, 0.1, -0.2], target=0.6)"""
    shown = (f"backprop(np.array({NET_X}), {NET_TARGET}, np.array({NET_W_I_H}), "
             f"np.array({NET_W_H_O}), {NET_LEARNRATE})")
    with case(shown):
        # The expected values are printed to 8 decimals (delta_w_h_o) and 9 significant digits
        # (delta_w_i_h), so the tolerance allows half of the last printed digit.
        _check_backprop(submission, NET_X, NET_TARGET, NET_W_I_H, NET_W_H_O, NET_LEARNRATE,
                        (NET_DELTA_W_I_H, NET_DELTA_W_H_O), atol=(1e-12, 6e-9))


@pytest.mark.points(2)
@pytest.mark.hidden
@pytest.mark.hint(4)
def test_backprop_random_networks(submission, reference, rng):
    """backprop on random networks of several sizes"""
    for n_inputs, n_hidden in ((2, 5), (4, 4), (6, 3)):
        x, target, w_i_h, w_h_o, learnrate = _random_network(rng, n_inputs, n_hidden)
        with case(_("backprop on a random network with {inputs} inputs and {hidden} hidden "
                    "units").format(inputs=n_inputs, hidden=n_hidden)):
            expected = reference.backprop(x, target, w_i_h, w_h_o, learnrate)
            _check_backprop(submission, x, target, w_i_h, w_h_o, learnrate, expected)


def _squared_error(x, target, w_i_h, w_h_o):
    output = _sigmoid(_sigmoid(x @ w_i_h) @ w_h_o)
    return 0.5 * (target - output) ** 2


def _numeric_slope(x, target, w_i_h, w_h_o, which):
    """dE/dw for every weight of one matrix, by central differences."""
    weights = (w_i_h, w_h_o)[which]
    slope = np.zeros_like(weights)
    for index in np.ndindex(weights.shape):
        up, down = weights.copy(), weights.copy()
        up[index] += FINITE_DIFFERENCE_STEP
        down[index] -= FINITE_DIFFERENCE_STEP
        pair_up = (up, w_h_o) if which == 0 else (w_i_h, up)
        pair_down = (down, w_h_o) if which == 0 else (w_i_h, down)
        slope[index] = (_squared_error(x, target, *pair_up)
                        - _squared_error(x, target, *pair_down)) / (2 * FINITE_DIFFERENCE_STEP)
    return slope


def _against_slope(actual, expected):
    """What the learner's deltas do wrong relative to the downhill step, in words."""
    if actual.shape != expected.shape:
        return None
    if np.allclose(actual, -expected, rtol=1e-4, atol=1e-10):
        return _("your deltas point uphill: following them increases the error. Check the "
                 "sign.")
    nonzero = np.abs(expected) > 1e-9
    if nonzero.any():
        ratios = actual[nonzero] / expected[nonzero]
        if np.allclose(ratios, ratios[0], rtol=1e-4) and ratios[0] > 0:
            return _("every delta is {ratio:.3g} times the downhill step: a factor is missing "
                     "or extra (the learning rate, or a derivative).").format(ratio=ratios[0])
    return None


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(3)
def test_backprop_matches_numerical_gradient(submission, rng):
    """gradient check: the deltas are -learnrate * dE/dw for E = 0.5 * (target - output)**2"""
    for n_inputs, n_hidden in ((3, 2), (5, 4)):
        x, target, w_i_h, w_h_o, learnrate = _random_network(rng, n_inputs, n_hidden)
        mistakes = _mistakes(x, target, w_i_h, w_h_o, learnrate)
        d_i_h, d_h_o = _call_backprop(submission, x, target, w_i_h, w_h_o, learnrate)
        for which, name, actual in ((1, "delta_w_h_o", d_h_o), (0, "delta_w_i_h", d_i_h)):
            expected = -learnrate * _numeric_slope(x, target, w_i_h, w_h_o, which)
            try:
                assert_close(actual, expected,
                             what=_("{name} of a random network with {inputs} inputs and "
                                    "{hidden} hidden units").format(
                                 name=name, inputs=n_inputs, hidden=n_hidden),
                             rtol=1e-4, atol=1e-10, diagnose=_diagnose(mistakes, which))
            except Mismatch as mismatch:
                fail(f"{mismatch.summary}\n{_(GRADIENT_CHECK)}",
                     cause=mismatch.cause or _against_slope(actual, expected))
