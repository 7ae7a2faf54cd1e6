"""Hidden suite: dropout (seed section 15.3).

The mask is random, so the forward pass is judged by properties rather than by one exact draw:
every unit is either 0 or its activation / keep_prob, as the returned mask says; the kept
fraction and the mean match keep_prob on large arrays; the number kept varies from call to call;
each call draws a fresh mask; np.random.seed decides the mask.

Statistical bounds. Each check below that can fail by chance on a correct answer uses Hoeffding's
inequality, P(|mean - expectation| >= t) <= 2 exp(-2 n^2 t^2 / sum(range_i^2)), which holds for
any keep_prob; the per-check bound is stated where the check is. The whole suite makes fewer than
ten such checks, so a correct answer fails less than once in 10^10 runs.
"""

import numpy as np
import pytest

from grader.core.compare import assert_close, case, fail, kind_of, numbers, show
from grader.feedback import Raised
from grader.i18n import N_, _, counted

# The visible examples.
EXAMPLE = [[0.5, 1.0, 1.5, 2.0], [2.5, 3.0, 3.5, 4.0]]
EXAMPLE_KEEP, EXAMPLE_SEED = 0.8, 42
BACKWARD_D_OUT = [[0.1, -0.2, 0.3, 0.4], [0.5, -0.6, 0.7, -0.8]]
BACKWARD_MASK = [[True, False, True, True], [True, True, True, False]]
BACKWARD_KEEP = 0.8
INVALID_KEEP = (0.0, 1.5, -0.5)

# Large arrays for the statistics: 200 x 200 = 40,000 units, so that a learner who returns the
# output and the mask as nested lists stays under the 100,000 parts a reply may have.
LARGE = (200, 200)
# Kept fraction: with n = 40,000 units, 2 exp(-2 n t^2) = 2 exp(-32) = 3e-14 for t = 0.02. The
# keep_probs drawn stay 0.1 away from 0.5, so dropping with probability keep_prob (fraction
# 1 - keep_prob) is at least 0.2 off.
FRACTION_TOLERANCE = 0.02
# Mean: activations in [0, 2) and keep_prob >= 0.6, so each output lies in [0, 2 / 0.6]; for
# t = 0.06, 2 exp(-2 n t^2 / (2 / 0.6)^2) = 2 exp(-25.9) = 1e-11. The activations' mean is about
# 1, and a missing 1 / keep_prob (keep_prob <= 0.9) makes the output's mean at least 0.1 too low.
MEAN_TOLERANCE = 0.06
# Independence: 30 calls on 1,000 units at keep_prob 0.7. The most likely count has probability
# about 1 / sqrt(2 pi n p (1 - p)) = 0.028, so 30 equal counts have probability below 0.028^29,
# about 1e-45. Two equal masks in a row: (p^2 + (1 - p)^2)^1000 = 0.58^1000, about 1e-237.
CALLS, UNITS, VARY_KEEP = 30, 1000, 0.7

def _array_text(values):
    return f"np.array({np.asarray(values).tolist()})"


# --- what dropout returns ------------------------------------------------------------------------

def _is_mask_like(values):
    return values.size > 0 and np.isin(values, (0.0, 1.0)).all()


def _returned(result, activations, keep_prob, what):
    """The learner's (output, mask) as float arrays, after checking what came back."""
    shape = np.shape(activations)
    if result is None:
        fail(_("{what} returned None. Did you forget `return activations * mask / keep_prob, "
               "mask`?").format(what=what))
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        cause = None
        if isinstance(result, np.ndarray) and result.shape == shape:
            cause = _("dropout returns two values: the dropped-out activations and the mask, "
                      "`return output, mask`; dropout_backward needs the mask.")
        fail(_("{what} returned {kind}; it should return two values: the dropped-out "
               "activations and the mask.").format(what=what, kind=kind_of(result)), cause=cause)
    output = numbers(result[0], _("{what} (its first value, the dropped-out activations)").format(
        what=what))
    mask = numbers(result[1], _("{what} (its second value, the mask)").format(what=what))
    if output.shape == shape and mask.shape == shape and _is_mask_like(output) \
            and not _is_mask_like(mask) and not _is_mask_like(np.asarray(activations)):
        fail(_("{what} returned the mask first.").format(what=what),
             cause=_("return the dropped-out activations first and the mask second: "
                     "`return activations * mask / keep_prob, mask`."))
    if output.shape != shape:
        fail(_("{what}: the dropped-out activations have shape {actual}; they should have the "
               "activations' shape {shape}.").format(what=what, actual=output.shape, shape=shape))
    if mask.shape != shape:
        fail(_("{what}: the mask has shape {actual}; it should have the activations' shape "
               "{shape}.").format(what=what, actual=mask.shape, shape=shape),
             cause=_("draw the mask with np.random.rand(*activations.shape), one number per "
                     "unit."))
    if not np.isfinite(output).all():
        fail(_("{what}: the dropped-out activations contain nan or inf.").format(what=what))
    if not _is_mask_like(mask):
        kept = mask[mask != 0]
        cause = None
        if kept.size and np.allclose(kept, 1 / keep_prob):
            cause = _("your mask holds 1 / keep_prob for the kept units. The mask is 0 or 1 "
                      "(or False or True); divide the activations by keep_prob, not the mask.")
        fail(_("{what}: the mask holds values other than 0 and 1 (or False and True), such as "
               "{value}.").format(what=what, value=show(mask[~np.isin(mask, (0.0, 1.0))].flat[0])),
             cause=cause)
    return output, mask


def _forward_cause(activations, keep_prob, mask, output):
    """The likely mistake behind a wrong output, judged against the learner's own mask."""
    right = activations * mask / keep_prob
    known = (
        (activations * mask,
         N_("the kept units are not scaled: inverted dropout divides them by keep_prob, "
            "activations * mask / keep_prob, so that their expected value stays the same.")),
        (activations * mask * keep_prob,
         N_("the kept units are multiplied by keep_prob; divide by it: activations * mask / "
            "keep_prob.")),
        (activations * (1 - mask) / keep_prob,
         N_("the output keeps the units your mask drops: the mask marks the units that are kept "
            "(True = kept).")),
        (activations / keep_prob,
         N_("the mask is not applied: multiply by it, activations * mask / keep_prob.")),
        (activations,
         N_("the activations came back unchanged: multiply by the mask and divide by "
            "keep_prob.")),
    )
    for value, message in known:
        if not np.allclose(value, right) and np.allclose(output, value, rtol=1e-6, atol=1e-12):
            return _(message)
    return None


def _check_forward(activations, keep_prob, output, mask, what, visible):
    """Every unit is 0 where the mask drops it and activation / keep_prob where it keeps it."""
    a = np.asarray(activations, dtype=float)
    expected = a * mask / keep_prob
    close = np.isclose(output, expected, rtol=1e-6, atol=1e-12)
    if close.all():
        return
    cause = _forward_cause(a, keep_prob, mask, output)
    index = tuple(int(i) for i in np.argwhere(~close)[0])
    where = index[0] if len(index) == 1 else index
    detail = (_("Unit {where}: your mask keeps it and its activation is {activation}, so the "
                "output should be {expected}; it is {actual}.") if mask[index] else
              _("Unit {where}: your mask drops it and its activation is {activation}, so the "
                "output should be {expected}; it is {actual}.")).format(
                    where=where, activation=show(a[index]), expected=show(expected[index]),
                    actual=show(output[index]))
    fail(counted(int((~close).sum()),
                 "{what}: {n} of {size} units is not 0 where the mask drops it and activation / "
                 "keep_prob where it keeps it.",
                 "{what}: {n} of {size} units are not 0 where the mask drops them and activation "
                 "/ keep_prob where it keeps them.", what=what, size=close.size),
         detail=detail, expected=expected if visible else None,
         actual=output if visible else None, cause=cause)


def _dropout(submission, activations, keep_prob, what):
    result = submission.dropout(activations, keep_prob)
    return _returned(result, activations, keep_prob, what)


def _forward_case(submission, activations, keep_prob, what, visible):
    output, mask = _dropout(submission, activations, keep_prob, what)
    _check_forward(activations, keep_prob, output, mask, what, visible)


@pytest.mark.points(1)
@pytest.mark.hint(2)
@pytest.mark.twin("test_forward_random")
def test_forward_example(submission, learner):
    """dropout(a, 0.8): each unit is 0 or a / 0.8, as the returned mask says"""
    learner.seed_numpy(EXAMPLE_SEED)
    shown = f"np.random.seed({EXAMPLE_SEED}); dropout({_array_text(EXAMPLE)}, {EXAMPLE_KEEP})"
    with case(shown):
        _forward_case(submission, np.array(EXAMPLE), EXAMPLE_KEEP,
                      f"dropout(a, {EXAMPLE_KEEP})", visible=True)


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(2)
def test_forward_random(submission, rng):
    """dropout on random 1-D, 2-D and 3-D activations and keep_probs"""
    for shape in ((7,), (5, 6), (2, 3, 4)):
        activations = rng.normal(0.0, 2.0, shape)
        keep_prob = float(rng.uniform(0.3, 0.95))
        _forward_case(submission, activations, keep_prob,
                      _("dropout on random activations of shape {shape}").format(shape=shape),
                      visible=False)


# --- keep_prob: 1 keeps everything, outside (0, 1] is an error -----------------------------------

def _keeps_everything(submission, activations, what):
    output, mask = _dropout(submission, activations, 1.0, what)
    if not mask.all():
        fail(_("{what}: the mask drops {dropped} of {size} units; with keep_prob = 1 every unit "
               "is kept.").format(what=what, dropped=int((mask == 0).sum()), size=mask.size),
             cause=_("keep a unit when np.random.rand(...) < keep_prob: every draw is below 1."))
    assert_close(output, activations, what=what, rtol=1e-12, atol=0.0)


def _rejects(submission, activations, keep_prob):
    what = f"dropout(a, {keep_prob!r})"
    try:
        result = submission.dropout(activations, keep_prob)
    except Raised as error:
        if error.type_name == "ValueError":
            return
        cause = None
        if error.type_name == "AssertionError":
            cause = _("`assert` raises AssertionError (and is skipped under python -O): write "
                      "`if not 0 < keep_prob <= 1: raise ValueError(...)`.")
        fail(_("{what} raised {error}; a keep_prob outside (0, 1] must raise ValueError.").format(
            what=what, error=error.type_name),
             cause=cause or _("check keep_prob before using it: `if not 0 < keep_prob <= 1: "
                              "raise ValueError(...)`."))
    fail(_("{what} returned {kind}; a keep_prob outside (0, 1] must raise ValueError.").format(
        what=what, kind=kind_of(result)),
         cause=_("check keep_prob first: `if not 0 < keep_prob <= 1: raise ValueError(\"keep_prob "
                 "must be in (0, 1]\")`."))


@pytest.mark.points(1)
@pytest.mark.hint(3)
@pytest.mark.twin("test_keep_prob_bounds_random")
def test_keep_prob_bounds(submission):
    """keep_prob = 1 keeps every unit unchanged; 0, 1.5 and -0.5 raise ValueError"""
    activations = np.array(EXAMPLE)
    with case(f"dropout({_array_text(EXAMPLE)}, 1.0)"):
        _keeps_everything(submission, activations, "dropout(a, 1.0)")
    for keep_prob in INVALID_KEEP:
        with case(f"dropout({_array_text(EXAMPLE)}, {keep_prob!r})"):
            _rejects(submission, activations, keep_prob)


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(3)
def test_keep_prob_bounds_random(submission, rng):
    """keep_prob = 1 on random activations; random keep_probs outside (0, 1] raise ValueError"""
    activations = rng.normal(0.0, 1.0, (4, 9))
    _keeps_everything(submission, activations,
                      _("dropout of random activations with keep_prob 1"))
    for keep_prob in (round(float(rng.uniform(1.01, 3.0)), 3), -round(float(rng.uniform(0.01, 1)),
                                                                       3), 0.0, 2):
        _rejects(submission, activations, keep_prob)


# --- dropout_backward ----------------------------------------------------------------------------

def _backward_cause(d_out, mask, keep_prob):
    d_out = np.asarray(d_out, dtype=float)
    mask = np.asarray(mask, dtype=float)
    right = d_out * mask / keep_prob
    known = (
        (d_out * mask, N_("the gradient is not scaled: the forward pass divided the kept units "
                          "by keep_prob, so their gradient is divided by it too: d_out * mask / "
                          "keep_prob.")),
        (d_out * mask * keep_prob, N_("the gradient is multiplied by keep_prob; divide by it: "
                                      "d_out * mask / keep_prob.")),
        (d_out / keep_prob, N_("the mask is not applied: a dropped unit passes no gradient "
                               "back, d_out * mask / keep_prob.")),
        (d_out * (1 - mask) / keep_prob, N_("the gradient flows through the dropped units: the "
                                            "mask marks the kept ones, d_out * mask / "
                                            "keep_prob.")),
        (d_out, N_("d_out came back unchanged: d_out * mask / keep_prob.")),
    )

    def cause(actual):
        for value, message in known:
            if np.allclose(value, right):
                continue
            if value.shape == actual.shape and np.allclose(actual, value, rtol=1e-6,
                                                           atol=1e-12):
                return _(message)
        if actual.shape == right.shape:
            zero_where_kept = (actual == 0) & (mask != 0) & (d_out != 0)
            through_dropped = (actual != 0) & (mask == 0)
            if zero_where_kept.any() or through_dropped.any():
                return _("the zeros do not follow the mask you were given: use that mask, "
                         "d_out * mask / keep_prob, rather than drawing a new one.")
        return None

    return cause


def _check_backward(submission, d_out, mask, keep_prob, what):
    expected = np.asarray(d_out, dtype=float) * np.asarray(mask, dtype=float) / keep_prob
    actual = submission.dropout_backward(d_out, mask, keep_prob)
    assert_close(actual, expected, what=what, diagnose=_backward_cause(d_out, mask, keep_prob))


@pytest.mark.points(1)
@pytest.mark.hint(4)
@pytest.mark.twin("test_backward_random")
def test_backward_example(submission):
    """dropout_backward(d_out, mask, 0.8) is d_out * mask / 0.8"""
    with case(f"dropout_backward({_array_text(BACKWARD_D_OUT)}, {_array_text(BACKWARD_MASK)}, "
              f"{BACKWARD_KEEP})"):
        _check_backward(submission, np.array(BACKWARD_D_OUT), np.array(BACKWARD_MASK),
                        BACKWARD_KEEP, f"dropout_backward(d_out, mask, {BACKWARD_KEEP})")


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(4)
def test_backward_random(submission, rng):
    """dropout_backward on random gradients, with masks of bools, ints and floats"""
    for shape, kind in (((6,), bool), ((3, 5), int), ((2, 3, 4), float)):
        keep_prob = float(rng.uniform(0.2, 0.95))
        d_out = rng.normal(0.0, 1.0, shape)
        mask = (rng.random(shape) < keep_prob).astype(kind)
        _check_backward(submission, d_out, mask, keep_prob,
                        _("dropout_backward on a random gradient of shape {shape} (a mask of "
                          "{kind}s)").format(shape=shape, kind=kind.__name__))


# --- where the mask comes from -------------------------------------------------------------------

def _mask_after_seed(submission, learner, seed, activations, keep_prob, what):
    learner.seed_numpy(seed)
    return _dropout(submission, activations, keep_prob, what)[1]


GLOBAL_STATE = N_("dropout must draw from NumPy's global random state, which np.random.seed "
                  "controls: np.random.rand(*activations.shape) < keep_prob. "
                  "np.random.default_rng() and Python's random module ignore np.random.seed.")
SAME_MASK = N_("draw a new mask inside dropout on every call: do not call np.random.seed inside "
               "dropout, and do not keep a mask from an earlier call.")


@pytest.mark.points(1)
@pytest.mark.hint(1)
@pytest.mark.twin("test_seeded_masks_random")
def test_same_seed_same_mask(submission, learner):
    """after the same np.random.seed, dropout draws the same mask"""
    activations = np.linspace(0.1, 1.0, 100).reshape(4, 25)
    with case(_("np.random.seed(7); dropout(np.linspace(0.1, 1.0, 100).reshape(4, 25), 0.5), "
                "twice")):
        first = _mask_after_seed(submission, learner, 7, activations, 0.5, "dropout")
        second = _mask_after_seed(submission, learner, 7, activations, 0.5, "dropout")
        if not np.array_equal(first != 0, second != 0):
            fail(_("After np.random.seed(7) each time, dropout drew two different masks."),
                 cause=_(GLOBAL_STATE))


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(1)
def test_seeded_masks_random(submission, learner, rng):
    """random seeds: the same seed gives the same mask, different seeds different masks"""
    seed, other = (int(s) for s in rng.choice(2**31, size=2, replace=False))
    activations = rng.uniform(0.5, 1.5, (10, UNITS // 10))
    keep_prob = float(rng.uniform(0.6, 0.9))
    first = _mask_after_seed(submission, learner, seed, activations, keep_prob, "dropout")
    again = _mask_after_seed(submission, learner, seed, activations, keep_prob, "dropout")
    if not np.array_equal(first != 0, again != 0):
        fail(_("After the same np.random.seed, dropout drew two different masks."),
             cause=_(GLOBAL_STATE))
    different = _mask_after_seed(submission, learner, other, activations, keep_prob, "dropout")
    # Two independent masks of 1,000 units agree with probability (p^2 + (1 - p)^2)^1000 <
    # 0.82^1000, about 1e-86.
    if np.array_equal(first != 0, different != 0):
        fail(_("After two different np.random.seed calls, dropout drew the same mask."),
             cause=_(SAME_MASK))


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(1)
def test_fresh_mask_each_call(submission, learner, rng):
    """each call draws a fresh mask"""
    learner.seed_numpy(int(rng.integers(0, 2**31)))
    activations = rng.uniform(0.5, 1.5, UNITS)
    first = _dropout(submission, activations, VARY_KEEP, "dropout")[1]
    second = _dropout(submission, activations, VARY_KEEP, "dropout")[1]
    if np.array_equal(first != 0, second != 0):
        fail(_("Two calls of dropout in a row, on the same activations, returned the same mask."),
             cause=_(SAME_MASK))


KEPT_INVERTED = N_("about 1 - keep_prob of the units are kept: keep_prob is the probability of "
                   "keeping a unit, so keep it when np.random.rand(...) < keep_prob (not >).")


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(1)
def test_kept_fraction(submission, learner, rng):
    """on large arrays, the fraction of units kept is close to keep_prob"""
    learner.seed_numpy(int(rng.integers(0, 2**31)))
    activations = rng.uniform(0.5, 1.5, LARGE)
    for keep_prob in (float(rng.uniform(0.6, 0.9)), float(rng.uniform(0.1, 0.4))):
        output = _dropout(submission, activations, keep_prob,
                          _("dropout of {size} units").format(size=activations.size))[0]
        kept = float(np.mean(output != 0))
        if abs(kept - keep_prob) > FRACTION_TOLERANCE:
            cause = None
            if abs(kept - (1 - keep_prob)) <= FRACTION_TOLERANCE:
                cause = _(KEPT_INVERTED)
            fail(_("With keep_prob = {keep_prob:.3f}, dropout kept {kept} of {size} units; "
                   "expected {expected}, give or take {tolerance}.").format(
                       keep_prob=keep_prob, kept=f"{kept:.1%}", size=activations.size,
                       expected=f"{keep_prob:.1%}", tolerance=f"{FRACTION_TOLERANCE:.0%}"),
                 cause=cause)


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(2)
def test_mean_preserved(submission, learner, rng):
    """on large arrays, dropout keeps the mean of the activations"""
    learner.seed_numpy(int(rng.integers(0, 2**31)))
    activations = rng.uniform(0.0, 2.0, LARGE)
    keep_prob = float(rng.uniform(0.6, 0.9))
    output = _dropout(submission, activations, keep_prob,
                      _("dropout of {size} units").format(size=activations.size))[0]
    before, after = float(activations.mean()), float(output.mean())
    if abs(after - before) > MEAN_TOLERANCE:
        cause = None
        if abs(after - keep_prob * before) <= MEAN_TOLERANCE:
            cause = _("the mean shrank by keep_prob: divide the kept units by keep_prob "
                      "(inverted dropout), activations * mask / keep_prob.")
        elif abs(after - (1 - keep_prob) / keep_prob * before) <= MEAN_TOLERANCE:
            cause = _(KEPT_INVERTED)
        fail(_("With keep_prob = {keep_prob:.3f}, the mean of {size} activations went from "
               "{before:.3f} to {after:.3f}; inverted dropout keeps it (within "
               "{tolerance}).").format(keep_prob=keep_prob, size=activations.size,
                                       before=before, after=after, tolerance=MEAN_TOLERANCE),
             cause=cause)


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(1)
def test_number_kept_varies(submission, learner, rng, chart):
    """each unit is kept independently, so the number kept varies from call to call"""
    learner.seed_numpy(int(rng.integers(0, 2**31)))
    activations = rng.uniform(0.5, 1.5, UNITS)
    masks = [_dropout(submission, activations, VARY_KEEP, "dropout")[1] != 0
             for _call in range(CALLS)]
    draw_kept(chart, masks)
    counts = {int(mask.sum()) for mask in masks}
    if len(counts) == 1:
        if all(np.array_equal(mask, masks[0]) for mask in masks):
            fail(_("{calls} calls of dropout returned the same mask every time.").format(
                calls=CALLS), cause=_(SAME_MASK))
        fail(_("{calls} calls of dropout on {units} units, keep_prob {keep_prob}, each kept "
               "exactly {kept} units.").format(calls=CALLS, units=UNITS, keep_prob=VARY_KEEP,
                                               kept=counts.pop()),
             cause=_("each unit must be kept on its own, with probability keep_prob "
                     "(np.random.rand(*activations.shape) < keep_prob), so the number kept "
                     "varies from call to call. Choosing exactly keep_prob * n units "
                     "(np.random.choice without replacement, or a shuffled mask) is not "
                     "dropout."))


def draw_kept(chart, masks):
    """The fraction of units each call kept, around the keep_prob it was given: a hidden test
    shows the learner's fractions and keep_prob, the value they should scatter around (its
    message names keep_prob too), and no input."""
    chart("curve", _("Fraction of the {units} units kept by each of {calls} calls of dropout "
                     "(keep_prob = {keep_prob})").format(units=UNITS, calls=CALLS,
                                                         keep_prob=VARY_KEEP),
          _("call"), _("fraction kept"),
          [("", "learner", [(call, float(mask.mean()))
                            for call, mask in enumerate(masks, start=1)]),
           ("keep_prob", "bound", [(1, VARY_KEEP), (CALLS, VARY_KEEP)])])
