"""Hidden suite: L1 and L2 regularisation (seed section 15.2).

The penalties and their gradients are compared with the course's formulas on 1-D and 2-D
weights (with some weights exactly 0, where the L1 gradient is 0). Then the learner's
regularized_step trains a linear regression with useless features, and the seed's claim is
checked on the result: L1 sets the useless weights to zero (up to one step's wobble), L2 keeps
every weight small but non-zero. The data (datasets.irrelevant_features) are built so that the
claim holds exactly for a correct step, whatever the seed.
"""

import numpy as np
import pytest

from grader.core.compare import assert_close, assert_scalar_close, case, fail, kind_of, numbers
from grader.course import datasets
from grader.feedback import LearnerProblem, NotStarted, Raised
from grader.i18n import N_, _

# The training that checks the claim: with features.T @ features / m the identity, one step
# contracts the distance to the optimum by (1 - LEARNRATE) at least, so 200 steps from weights
# within 2 of it leave 2 * 0.95**200 < 1e-4, far below LEARNRATE * LAM = 0.005. There,
# an L1 useless weight w moves by LEARNRATE * (leak - LAM * sign(w)) per step, so it stays
# within LEARNRATE * (LAM + leak) < 2 * LEARNRATE * LAM of zero (leak <= 0.06 < LAM), while an
# L2 useless weight settles at leak / (1 + 2 * LAM) >= 0.03 / 1.2 = 5 * LEARNRATE * LAM.
CLAIM_STEPS, CLAIM_LEARNRATE, CLAIM_LAM = 200, 0.05, 0.1
SCALE = CLAIM_LEARNRATE * CLAIM_LAM
L1_WOBBLE = 2  # in units of SCALE
L2_FLOOR = 3


def _matcher(known):
    """A diagnose function: the message of the first known wrong value the answer equals."""
    def cause(actual):
        for value, message in known:
            value = np.asarray(value, dtype=float)
            if value.shape == actual.shape and np.allclose(actual, value, rtol=1e-6,
                                                           atol=1e-12):
                return _(message)
        return None
    return cause


def _text(array):
    return f"np.array({array.tolist()})"


# --- penalties ---------------------------------------------------------------------------------

def _penalty_mistakes(name, weights, lam):
    w = np.asarray(weights, dtype=float)
    l1, l2 = lam * np.sum(np.abs(w)), lam * np.sum(w**2)
    if name == "l1_penalty":
        return (
            (lam * np.sum(w), N_("take the absolute value of each weight before adding them "
                                 "up: lam * np.sum(np.abs(weights)).")),
            (l2, N_("that is the L2 penalty (squares); L1 adds up absolute values, "
                    "lam * np.sum(np.abs(weights)).")),
            (np.sum(np.abs(w)), N_("lam is missing: lam * np.sum(np.abs(weights)).")),
            (lam * np.mean(np.abs(w)), N_("a mean where the penalty is a sum: "
                                          "lam * np.sum(np.abs(weights)).")),
            (lam * np.abs(np.sum(w)), N_("the absolute value of the sum is not the sum of the "
                                         "absolute values: lam * np.sum(np.abs(weights)).")),
            (lam * np.max(np.abs(w)), N_("the largest weight only: add up every absolute "
                                         "value.")),
        )
    return (
        (l1, N_("that is the L1 penalty (absolute values); L2 adds up squares, "
                "lam * np.sum(weights**2).")),
        (lam * np.sqrt(np.sum(w**2)), N_("the square root is not part of it: the L2 penalty is "
                                         "lam * np.sum(weights**2), the squared length.")),
        (0.5 * l2, N_("the course's L2 penalty has no 1/2: lam * np.sum(weights**2).")),
        (np.sum(w**2), N_("lam is missing: lam * np.sum(weights**2).")),
        (lam * np.mean(w**2), N_("a mean where the penalty is a sum: "
                                 "lam * np.sum(weights**2).")),
        (lam * np.sum(w) ** 2, N_("the sum is squared, not each weight: square first, then add "
                                  "up, lam * np.sum(weights**2).")),
        (lam**2 * np.sum(w**2), N_("lam is squared too: only the weights are, "
                                   "lam * np.sum(weights**2).")),
        (lam * np.sum(2 * w), N_("that looks like the gradient, 2 * lam * w, added up: the "
                                 "penalty is lam * np.sum(weights**2).")),
    )


def _penalty(name, weights, lam):
    w = np.asarray(weights, dtype=float)
    return lam * np.sum(np.abs(w)) if name == "l1_penalty" else lam * np.sum(w**2)


def check_penalty(submission, name, weights, lam, shown):
    with case(shown):
        actual = getattr(submission, name)(weights, lam)
        if isinstance(actual, np.ndarray) and actual.shape == np.shape(weights) \
                and np.ndim(weights) > 0:
            fail(_("{name} returned one number per weight ({kind}); it should return one "
                   "number, the penalty of all the weights together.").format(
                       name=name, kind=kind_of(actual)), actual=actual,
                 cause=_("add them up with np.sum (over every element, also for a matrix)."))
        assert_scalar_close(actual, _penalty(name, weights, lam), what=shown,
                            diagnose=_matcher(_penalty_mistakes(name, weights, lam)))


W1 = np.array([0.5, -1.5, 0.0, 2.0])
W2 = np.array([[0.3, -0.2], [0.0, 1.2], [-0.7, 0.4]])


@pytest.mark.points(1)
@pytest.mark.hint(1)
@pytest.mark.twin("test_penalties_random")
def test_penalty_examples(submission):
    """l1_penalty and l2_penalty of a vector and of a matrix"""
    for name in ("l1_penalty", "l2_penalty"):
        check_penalty(submission, name, W1, 0.1, f"{name}({_text(W1)}, 0.1)")
        check_penalty(submission, name, W2, 0.05, f"{name}({_text(W2)}, 0.05)")


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(1)
def test_penalties_random(submission, rng):
    """l1_penalty and l2_penalty of random vectors and matrices"""
    for shape in ((7,), (4, 3)):
        weights = rng.normal(0.0, 1.0, shape)
        lam = float(rng.uniform(0.01, 1.0))
        for name in ("l1_penalty", "l2_penalty"):
            check_penalty(submission, name, weights, lam,
                          _("{name} of random weights of shape {shape}").format(
                              name=name, shape=shape))


# --- gradients ---------------------------------------------------------------------------------

def _gradient(name, weights, lam):
    w = np.asarray(weights, dtype=float)
    return lam * np.sign(w) if name == "l1_gradient" else 2 * lam * w


def _gradient_cause(name, weights, lam):
    w = np.asarray(weights, dtype=float)
    zero = w == 0
    if name == "l1_gradient":
        known = _matcher((
            (np.sign(w), N_("lam is missing: lam * np.sign(weights).")),
            (lam * w, N_("that is lam * w; the L1 gradient only keeps the sign of each weight: "
                         "lam * np.sign(weights).")),
            (lam * np.abs(w), N_("that is lam * |w|; the gradient of |w| is the sign of w: "
                                 "lam * np.sign(weights).")),
            (2 * lam * w, N_("that is the L2 gradient, 2 * lam * w; L1's is "
                             "lam * np.sign(weights).")),
            (-lam * np.sign(w), N_("the sign is flipped: lam * np.sign(weights).")),
        ))

        def cause(actual):
            found = known(actual)
            if found is not None or actual.shape != w.shape or not zero.any():
                return found
            if np.isnan(actual[zero]).any():
                return _("w / |w| divides 0 by 0 where a weight is 0: use "
                         "lam * np.sign(weights), which is 0 there.")
            if np.allclose(np.abs(actual[zero]), lam) and np.allclose(actual[~zero],
                                                                      lam * np.sign(w[~zero])):
                return _("at w = 0 the gradient must be 0, not +lam or -lam: np.sign(0) is 0, "
                         "whereas a test such as w >= 0 picks a side.")
            return None
        return cause
    return _matcher((
        (lam * w, N_("the 2 is missing: the derivative of w**2 is 2 * w, so the gradient is "
                     "2 * lam * weights.")),
        (2 * w, N_("lam is missing: 2 * lam * weights.")),
        (lam * w**2, N_("that is each weight's penalty, lam * w**2; its derivative is "
                        "2 * lam * w.")),
        (lam * np.sign(w), N_("that is the L1 gradient; L2's is 2 * lam * weights.")),
        (2 * lam * np.sign(w), N_("the L2 gradient keeps each weight's size: 2 * lam * weights, "
                                  "not its sign.")),
        (-2 * lam * w, N_("the sign is flipped: 2 * lam * weights.")),
    ))


def check_gradient(submission, name, weights, lam, shown):
    with case(shown):
        actual = getattr(submission, name)(weights, lam)
        assert_close(actual, _gradient(name, weights, lam), what=shown,
                     diagnose=_gradient_cause(name, weights, lam))


@pytest.mark.points(1)
@pytest.mark.hint(2)
@pytest.mark.twin("test_gradients_random")
def test_gradient_examples(submission, chart):
    """l1_gradient and l2_gradient of a vector and of a matrix"""
    drawable = True
    try:
        for name in ("l1_gradient", "l2_gradient"):
            check_gradient(submission, name, W1, 0.1, f"{name}({_text(W1)}, 0.1)")
            check_gradient(submission, name, W2, 0.05, f"{name}({_text(W2)}, 0.05)")
    except LearnerProblem:  # raised, crashed or timed out: not called again for a picture
        drawable = False
        raise
    finally:
        if drawable:
            draw_gradients(chart, submission)


# The chart of gradient_examples: each penalty's gradient over a range of weights, lam = 0.1.
CHART_WEIGHTS = np.linspace(-2.0, 2.0, 41)  # 0 among them, where L1's gradient is 0
CHART_LAM = 0.1
CHART_SECONDS = 1.0  # each call for the picture gets this much of the test's time


def draw_gradients(chart, submission):
    """How hard each penalty pulls a weight towards 0: L1 by lam whatever the weight's size
    (so small weights reach 0), L2 in proportion to it (so they shrink but never reach 0).
    The learner's gradients over the course's, on visible weights; one call of each function
    on the whole range, and nothing drawn if a call fails or returns another shape."""
    yours = []
    for kind in ("l1", "l2"):
        try:
            with chart.runs(CHART_SECONDS):
                values = numbers(getattr(submission, f"{kind}_gradient")(CHART_WEIGHTS.copy(),
                                                                         CHART_LAM), "gradient")
        except (LearnerProblem, AssertionError):
            return
        if values.shape != CHART_WEIGHTS.shape:
            return
        yours.append(values)
    course = [_gradient(f"{kind}_gradient", CHART_WEIGHTS, CHART_LAM) for kind in ("l1", "l2")]
    chart("curve", _("The penalty's gradient for each weight (lam = {lam})").format(
        lam=CHART_LAM), "w", _("gradient"),
          [(_("the course's, {penalty}").format(penalty=penalty), "reference",
            np.column_stack([CHART_WEIGHTS, values]))
           for penalty, values in zip(("L1", "L2"), course, strict=True)]
          + [(_("yours, {penalty}").format(penalty=penalty), "learner",
              np.column_stack([CHART_WEIGHTS, values]))
             for penalty, values in zip(("L1", "L2"), yours, strict=True)])


def _random_weights(rng, shape):
    """Normal weights, a few of them exactly 0 (where the L1 gradient is 0)."""
    weights = rng.normal(0.0, 1.0, shape)
    weights.flat[rng.choice(weights.size, size=max(1, weights.size // 4), replace=False)] = 0.0
    return weights


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(2)
def test_gradients_random(submission, rng):
    """l1_gradient and l2_gradient of random weights, some of them 0"""
    for shape in ((8,), (3, 5)):
        weights = _random_weights(rng, shape)
        lam = float(rng.uniform(0.01, 1.0))
        for name in ("l1_gradient", "l2_gradient"):
            check_gradient(submission, name, weights, lam,
                           _("{name} of random weights of shape {shape}").format(
                               name=name, shape=shape))


# --- regularized_step --------------------------------------------------------------------------

def _step(weights, gradient, learnrate, lam, kind):
    w, g = np.asarray(weights, dtype=float), np.asarray(gradient, dtype=float)
    return w - learnrate * (g + _gradient(f"{kind}_gradient", w, lam))


def _step_mistakes(weights, gradient, learnrate, lam, kind):
    w, g = np.asarray(weights, dtype=float), np.asarray(gradient, dtype=float)
    own = _gradient(f"{kind}_gradient", w, lam)
    other = _gradient("l2_gradient" if kind == "l1" else "l1_gradient", w, lam)
    penalty = _penalty(f"{kind}_penalty", w, lam)
    half = ((w - learnrate * (g + own / 2), N_("the 2 of the L2 gradient is missing: "
                                               "2 * lam * weights.")),) if kind == "l2" else ()
    # Filled in by _matcher's caller: `_matcher` translates, then `check_step` fills {kind}.
    return (*half,
        (w + learnrate * (g + own), N_("the sign is flipped: step downhill, weights - learnrate "
                                       "* (gradient + penalty_gradient).")),
        (w - learnrate * g - own, N_("learnrate multiplies the penalty's gradient too: "
                                     "weights - learnrate * (gradient + penalty_gradient).")),
        (w - learnrate * g, N_("the penalty is ignored: add the {penalty} gradient to the "
                               "gradient, weights - learnrate * (gradient + "
                               "penalty_gradient).")),
        (w - learnrate * (g - own), N_("the penalty's gradient is subtracted from the gradient; "
                                       "add it: gradient + penalty_gradient.")),
        (w - learnrate * own, N_("the data's gradient is ignored: weights - learnrate * "
                                 "(gradient + penalty_gradient).")),
        (w - learnrate * (g + other), N_("kind {kind} got the other penalty's gradient: \"l1\" "
                                         "uses lam * np.sign(weights), \"l2\" uses "
                                         "2 * lam * weights.")),
        (w - learnrate * (g + penalty), N_("the penalty itself (one number) was added to the "
                                           "gradient; add the penalty's gradient, one number per "
                                           "weight.")),
        (learnrate * (g + own), N_("you returned the step; return the new weights, weights - "
                                   "learnrate * (gradient + penalty_gradient).")),
        (w, N_("the weights came back unchanged: return weights - learnrate * (gradient + "
               "penalty_gradient).")),
    )


def _own_gradient(submission, weights, gradient, learnrate, lam, kind):
    """The step the learner's own l1_gradient or l2_gradient leads to, when that one is wrong."""
    try:
        theirs = numbers(getattr(submission, f"{kind}_gradient")(weights, lam), "gradient")
    except (LearnerProblem, AssertionError):
        return None
    if theirs.shape != np.shape(weights) or np.allclose(
            theirs, _gradient(f"{kind}_gradient", weights, lam), rtol=1e-6, atol=1e-12):
        return None
    return np.asarray(weights, dtype=float) - learnrate * (np.asarray(gradient) + theirs)


def check_step(submission, weights, gradient, learnrate, lam, kind, shown):
    expected = _step(weights, gradient, learnrate, lam, kind)
    known = _matcher(_step_mistakes(weights, gradient, learnrate, lam, kind))

    def cause(actual):
        own = _own_gradient(submission, weights, gradient, learnrate, lam, kind)
        if own is not None and own.shape == actual.shape and np.allclose(actual, own,
                                                                         equal_nan=True):
            return _("regularized_step follows your {function}, which is not right yet: fix "
                     "{function} first (see its tests).").format(function=f"{kind}_gradient")
        found = known(actual)
        return found.format(kind=repr(kind), penalty=kind.upper()) if found else None

    with case(shown):
        actual = submission.regularized_step(weights.copy(), gradient, learnrate, lam, kind)
        if actual is None:
            fail(_("{call} returned None. Did you forget `return` (the new weights)?").format(
                call=shown))
        assert_close(actual, expected, what=shown, diagnose=cause)


STEP_GRADIENT = np.array([0.2, -0.1, 0.3, 0.0])


@pytest.mark.points(1)
@pytest.mark.hint(3)
@pytest.mark.twin("test_step_random")
def test_step_examples(submission):
    """regularized_step with "l1" and with "l2" on a vector"""
    for kind in ("l1", "l2"):
        check_step(submission, W1, STEP_GRADIENT, 0.5, 0.1, kind,
                   f"regularized_step({_text(W1)}, {_text(STEP_GRADIENT)}, 0.5, 0.1, {kind!r})")


@pytest.mark.points(2)
@pytest.mark.hidden
@pytest.mark.hint(3)
def test_step_random(submission, rng):
    """regularized_step on random vectors and matrices, both kinds"""
    for shape in ((6,), (3, 4)):
        for kind in ("l1", "l2"):
            weights = _random_weights(rng, shape)
            gradient = rng.normal(0.0, 1.0, shape)
            learnrate, lam = float(rng.uniform(0.01, 1.0)), float(rng.uniform(0.01, 1.0))
            check_step(submission, weights, gradient, learnrate, lam, kind,
                       _("regularized_step on random weights of shape {shape}, kind "
                         "{kind}").format(shape=shape, kind=repr(kind)))


@pytest.mark.points(1)
@pytest.mark.hint(3)
def test_unknown_kind(submission):
    """an unknown kind such as "l3" raises ValueError"""
    for kind in ("l1", "l2"):
        with case(f"regularized_step({_text(W1)}, {_text(STEP_GRADIENT)}, 0.5, 0.1, {kind!r})"):
            try:
                numbers(submission.regularized_step(W1.copy(), STEP_GRADIENT, 0.5, 0.1, kind),
                        _("regularized_step with kind {kind}").format(kind=repr(kind)))
            except Raised as error:
                fail(_("regularized_step raised {error} for kind {kind}, one of the two it must "
                       "know (\"l1\" and \"l2\", in lower case).").format(
                           error=error.type_name, kind=repr(kind)))
    for kind in ("l3", "elastic"):
        shown = f"regularized_step({_text(W1)}, {_text(STEP_GRADIENT)}, 0.5, 0.1, {kind!r})"
        with case(shown):
            try:
                result = submission.regularized_step(W1.copy(), STEP_GRADIENT, 0.5, 0.1, kind)
            except NotStarted:
                fail(_("{call} raised NotImplementedError; an unknown kind must raise "
                       "ValueError: `raise ValueError(f\"unknown kind {{kind!r}}\")`.").format(
                           call=shown))
            except Raised as error:
                if error.type_name == "ValueError":
                    continue
                fail(_("{call} raised {error}; an unknown kind must raise ValueError.").format(
                    call=shown, error=error.type_name),
                     cause=_("a dictionary lookup raises KeyError: check the kind first, and "
                             "`raise ValueError(f\"unknown kind {{kind!r}}\")`.").format()
                     if error.type_name == "KeyError" else None)
            fail(_("{call} returned {kind}; an unknown kind must raise ValueError, so that a "
                   "typo does not train without the penalty you meant.").format(
                       call=shown, kind=kind_of(result)),
                 cause=_("an `else:` that falls back to one of the kinds: use `elif kind == "
                         "\"l2\":`, and `else: raise ValueError(...)`."))


# --- the seed's claim --------------------------------------------------------------------------

def _train(submission, data, start, kind):
    """CLAIM_STEPS steps of the learner's regularized_step on the data's mean squared error."""
    X, y = data.features, data.targets
    weights = start.copy()
    for _step_number in range(CLAIM_STEPS):
        gradient = X.T @ (X @ weights - y) / len(y)
        new = numbers(submission.regularized_step(weights, gradient, CLAIM_LEARNRATE,
                                                  CLAIM_LAM, kind), "regularized_step")
        if new.shape != weights.shape:
            fail(_("regularized_step returned weights of shape {shape} for weights of shape "
                   "{expected}.").format(shape=new.shape, expected=weights.shape))
        if not np.isfinite(new).all():
            fail(_("Training with kind {kind} made the weights nan or inf.").format(
                kind=repr(kind)),
                 cause=_("a step uphill (weights + ...) grows the weights without end: "
                         "weights - learnrate * (gradient + penalty_gradient)."))
        weights = new
    return weights


def _reference_train(data, start, kind):
    X, y = data.features, data.targets
    weights = start.copy()
    for _step_number in range(CLAIM_STEPS):
        weights = _step(weights, X.T @ (X @ weights - y) / len(y), CLAIM_LEARNRATE, CLAIM_LAM,
                        kind)
    return weights


def _claim_cause(data, start, weights, kind):
    """What the learner's training matches: the other penalty, or no penalty at all."""
    other = "l2" if kind == "l1" else "l1"
    if np.allclose(weights, _reference_train(data, start, other), atol=SCALE / 10):
        return _("these are the weights that {other} gives: kind {kind} gets the other "
                 "penalty's gradient. Check regularized_step's own tests.").format(
                     other=other.upper(), kind=repr(kind))
    least_squares = data.features.T @ data.targets / len(data.targets)
    if np.allclose(weights, least_squares, atol=SCALE / 10):
        return _("these are the weights without any penalty: add the penalty's gradient to the "
                 "gradient, weights - learnrate * (gradient + penalty_gradient).")
    return _("regularized_step must be weights - learnrate * (gradient + penalty_gradient): "
             "check its own tests.")


def _claim_setting(rng):
    data = datasets.irrelevant_features(int(rng.integers(0, 2**31)), leak=0.6 * CLAIM_LAM)
    n_features = data.features.shape[1]
    least_squares = data.features.T @ data.targets / len(data.targets)
    start = least_squares + rng.uniform(-1.5, 1.5, n_features)
    return data, start, least_squares


def describe_claim(kind):
    return _("{steps} steps of regularized_step (learnrate = {learnrate}, lam = {lam}) on a "
             "linear regression with 3 useful and 5 useless features, kind \"{kind}\"").format(
                 steps=CLAIM_STEPS, learnrate=CLAIM_LEARNRATE, lam=CLAIM_LAM, kind=kind)


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(4)
def test_l1_makes_useless_weights_zero(submission, rng, chart):
    """L1 drives the useless features' weights to zero"""
    data, start, _least_squares = _claim_setting(rng)
    with case(describe_claim("l1")):
        weights = _train(submission, data, start, "l1")
        useless = np.abs(weights[data.useful:])
        draw_useless(chart, data, weights, "l1", L1_WOBBLE * SCALE)
        if useless.max() > L1_WOBBLE * SCALE:
            fail(_("After {training}, the useless features' weights are still as large as "
                   "{largest:.4f}. L1 should drive them to 0, to within {wobble} * learnrate * "
                   "lam = {bound:g} (each step may overshoot 0 a little).").format(
                       training=describe_claim("l1"), largest=useless.max(), wobble=L1_WOBBLE,
                       bound=L1_WOBBLE * SCALE),
                 cause=_claim_cause(data, start, weights, "l1"))
        if np.abs(weights[:data.useful]).min() < 0.5:
            fail(_("After {training}, a useful feature's weight is nearly 0: L1 should keep the "
                   "useful weights (their size is 1 to 2, and lam is 0.1).").format(
                       training=describe_claim("l1")),
                 cause=_claim_cause(data, start, weights, "l1"))


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(4)
def test_l2_keeps_weights_small_but_nonzero(submission, rng, chart):
    """L2 keeps every weight small, but none of them at zero"""
    data, start, least_squares = _claim_setting(rng)
    with case(describe_claim("l2")):
        weights = _train(submission, data, start, "l2")
        useless = np.abs(weights[data.useful:])
        draw_useless(chart, data, weights, "l2", L2_FLOOR * SCALE)
        if useless.min() < L2_FLOOR * SCALE:
            fail(_("After {training}, a useless feature's weight is {smallest:.4f}, almost 0. "
                   "L2 shrinks weights but does not zero them: each should stay above {floor} "
                   "* learnrate * lam = {bound:g} here.").format(
                       training=describe_claim("l2"), smallest=useless.min(), floor=L2_FLOOR,
                       bound=L2_FLOOR * SCALE),
                 cause=_claim_cause(data, start, weights, "l2"))
        if not (np.abs(weights) < np.abs(least_squares)).all():
            fail(_("After {training}, some weights are not smaller than without "
                   "regularisation: L2 should shrink every weight towards 0.").format(
                       training=describe_claim("l2")),
                 cause=_claim_cause(data, start, weights, "l2"))


def draw_useless(chart, data, weights, kind, bound):
    """The sizes of the learner's weights of the useless features after training, and the
    bound they had to stay under (L1: driven to 0) or over (L2: small, never 0). The useful
    weights (1 to 2) are left out: beside them every useless weight would look like 0. A
    hidden test: the learner's weights and the bound only."""
    title = (_("Your weights of the useless features after {steps} steps with L1")
             if kind == "l1" else
             _("Your weights of the useless features after {steps} steps with L2"))
    label = _("at most {bound:g}") if kind == "l1" else _("at least {bound:g}")
    first, last = data.useful, len(weights) - 1
    chart("bars", title.format(steps=CLAIM_STEPS), _("feature"), "|w|",
          [("", "learner", [(index, abs(float(weights[index])))
                            for index in range(first, last + 1)]),
           (label.format(bound=bound), "bound", [(first - 0.5, bound), (last + 0.5, bound)])])
