"""Hidden suite: stochastic gradient descent and momentum (seed sections 15.4.1-15.4.2).

minibatches is random, so it is judged by properties: the batch sizes, every record once with
its own target, a real shuffle, and one that follows NumPy's global random state. momentum_step
is judged on the weights over several steps, feeding back the velocity it returns, so both
conventions (velocity = beta * v + gradient, weights -= learnrate * v; or velocity = beta * v -
learnrate * gradient, weights += v) pass. train_sgd is replayed exactly with the learner's own
batches (the same global seed, minibatches called once per epoch), then trained on generated
data: it must be as accurate as the reference, and momentum must pay on an ill-conditioned set.
"""

import time

import numpy as np
import pytest

from grader.boundary.proxy import Remote
from grader.core.compare import assert_close, case, fail, kind_of, numbers
from grader.course import datasets
from grader.feedback import LearnerProblem
from grader.i18n import N_, _

# train_sgd on the well-conditioned classes (stretched_classes with stretch 1): separable with
# a margin, so momentum SGD from zeros classifies every point after a few epochs. In 10,000
# simulated runs with two different shuffles each (bench/momentum_margin.py), every run
# reached 100%.
ACCURACY_SETTING = {"epochs": 10, "batch_size": 20, "learnrate": 0.5, "beta": 0.9}
ACCURACY_SLACK = 0.02

# Momentum against plain SGD on the ill-conditioned classes (stretch 10: condition number about
# 100), both from zeros, the same batches, 20 epochs of 10 batches at learnrate 1. Over 10,000
# simulated data sets and shuffles (bench/momentum_margin.py) the ratio of the two training
# losses (beta 0.9 over beta 0) had a log with mean -1.14 and standard deviation 0.08, and
# never exceeded 0.48 (its log 5 standard deviations above the mean): a correct train_sgd
# fails "lower" only if the ratio more than doubles its worst value in those runs, its log 15
# standard deviations above the mean, far rarer than once in 10**6 runs.
MOMENTUM_SETTING = {"epochs": 20, "batch_size": 20, "learnrate": 1.0}
MOMENTUM_BETAS = (0.0, 0.9)


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


def _text(value):
    return f"np.array({np.asarray(value).tolist()})"


def _log_loss(features, targets, weights):
    z = features @ weights
    return float(np.mean(targets * np.logaddexp(0, -z) + (1 - targets) * np.logaddexp(0, z)))


# --- minibatches -------------------------------------------------------------------------------

def _records(rng, n_records, n_features=2):
    """Random records with targets that name them (record i has target i), so that the suite
    can tell which record went where."""
    return rng.normal(0.0, 1.0, (n_records, n_features)), np.arange(n_records, dtype=float)


def _batches(result, n_features, what):
    """The learner's batches as a list of (features array, targets array)."""
    if result is None:
        fail(_("{what} returned None. Did you forget `return batches`?").format(what=what))
    if isinstance(result, Remote):
        fail(_("{what} returned {kind}; return a list of (features_batch, targets_batch) "
               "pairs.").format(what=what, kind=kind_of(result)),
             cause=_("a generator (yield) cannot be counted or reused: collect the batches in "
                     "a list and return it.") if "generator" in result.type_name else None)
    if not isinstance(result, (list, tuple)):
        fail(_("{what} returned {kind}; it should return a list of (features_batch, "
               "targets_batch) pairs.").format(what=what, kind=kind_of(result)), actual=result)
    batches = []
    for number, batch in enumerate(result, start=1):
        if not isinstance(batch, (list, tuple)) or len(batch) != 2:
            fail(_("Batch {number} that {what} returned is {kind}; each batch must be a pair "
                   "(features_batch, targets_batch).").format(
                       number=number, what=what, kind=kind_of(batch)),
                 cause=_("return the features and the targets of each batch together: "
                         "batches.append((features[i:i + batch_size], "
                         "targets[i:i + batch_size]))."))
        features = numbers(batch[0], _("{what} (the features of batch {number})").format(
            what=what, number=number))
        targets = numbers(batch[1], _("{what} (the targets of batch {number})").format(
            what=what, number=number))
        if features.ndim != 2 or features.shape[1] != n_features:
            fail(_("The features of batch {number} have shape {shape}; each batch should hold "
                   "whole records, an array of shape (batch size, {size}).").format(
                       number=number, shape=features.shape, size=n_features))
        if targets.shape != (len(features),):
            fail(_("Batch {number} has {records} records but targets of shape {shape}; each "
                   "batch needs one target per record.").format(
                       number=number, records=len(features), shape=targets.shape))
        batches.append((features, targets))
    return batches


def _sizes_problem(sizes, n_records, batch_size):
    expected = [batch_size] * (n_records // batch_size)
    if n_records % batch_size:
        expected.append(n_records % batch_size)
    if sizes == expected:
        return None
    summary = _("{records} records in batches of {size} should make {count} batches of sizes "
                "{expected}, but the batches have sizes {sizes}.").format(
                    records=n_records, size=batch_size, count=len(expected), expected=expected,
                    sizes=sizes)
    cause = None
    if len(sizes) == len(expected) and sum(sizes) == n_records \
            and max(sizes) - min(sizes) <= 1:
        cause = _("np.array_split spreads the records evenly over the batches; the course cuts "
                  "batches of {size} records, and only the last may be smaller: "
                  "range(0, len(features), batch_size).").format(size=batch_size)
    elif len(sizes) == batch_size and sum(sizes) == n_records:
        cause = _("you cut the records into {size} batches; cut them into batches of {size} "
                  "records each (np.array_split's second argument is the number of batches): "
                  "range(0, len(features), batch_size).").format(size=batch_size)
    elif sizes == expected[:-1]:
        cause = _("the last batch is missing: range(0, len(features), batch_size) reaches every "
                  "record, the last, smaller batch included.")
    elif sizes[:len(expected)] == expected and not any(sizes[len(expected):]):
        cause = _("there is an empty batch at the end: stop at len(features), "
                  "range(0, len(features), batch_size).")
    elif sum(sizes) != n_records and len(sizes) == len(expected):
        cause = _("every record must be in one batch: the batches do not add up to all of "
                  "them.")
    return summary, cause


def check_batches(result, features, targets, batch_size, what, shuffled=True):
    """The learner's batches, checked against the records; targets[i] must be i. A correct
    shuffle keeps n records in their original order with probability 1/n!, so `shuffled` is
    only asked of 10 records or more (1/10! < 3e-7)."""
    n_records = len(features)
    batches = _batches(result, features.shape[1], what)
    problem = _sizes_problem([len(t) for _, t in batches], n_records, batch_size)
    if problem is not None:
        fail(problem[0], cause=problem[1])
    rows = np.concatenate([f for f, _ in batches])
    ids = np.concatenate([t for _, t in batches])
    if not np.isin(ids, targets).all():
        fail(_("Some targets in the batches of {what} are not targets that were given.").format(
            what=what))
    ids = ids.astype(int)
    if len(set(ids.tolist())) != n_records:
        fail(_("Some records appear in the batches of {what} more than once, and others not at "
               "all: every record must appear exactly once.").format(what=what),
             cause=_("np.random.choice(n, n) or np.random.randint draw with replacement; "
                     "np.random.permutation(n) gives every index once."))
    if not np.allclose(rows, features[ids]):
        fail(_("In the batches of {what}, some records do not come with their own "
               "target.").format(what=what),
             cause=_("the features and the targets were shuffled separately (two permutations, "
                     "or np.random.shuffle on each): draw one order = "
                     "np.random.permutation(len(features)) and use features[order] and "
                     "targets[order]."))
    if not shuffled:
        return batches
    if np.array_equal(ids, np.arange(n_records)):
        fail(_("The batches of {what} keep the records in their original order: shuffle them "
               "first, with np.random.permutation.").format(what=what))
    runs = [t.astype(int) for _, t in batches]
    if batch_size > 1 and all(np.array_equal(run, np.arange(run[0], run[0] + len(run)))
                                for run in runs):
        fail(_("Each batch of {what} is a run of neighbouring records in their original order: "
               "only the order of the batches was shuffled.").format(what=what),
             cause=_("shuffle the records themselves, then cut the batches."))
    return batches


def _call_minibatches(submission, learner, features, targets, batch_size, seed):
    learner.seed_numpy(seed)
    return submission.minibatches(features, targets, batch_size)


def check_shuffles(submission, learner, features, targets, batch_size, rng, what):
    """Check the batches drawn under two different seeds, and that their orders differ: a
    correct shuffle of n >= 10 records repeats itself with probability 1/n! < 3e-7."""
    orders = []
    for seed in rng.choice(2**31, size=2, replace=False):
        batches = check_batches(_call_minibatches(submission, learner, features, targets,
                                                  batch_size, int(seed)),
                                features, targets, batch_size, what)
        orders.append(np.concatenate([t for _, t in batches]))
    if len(features) >= 10 and np.array_equal(*orders):
        fail(_("{what} put the records in the same order after two different np.random.seed "
               "values: the order must be drawn at random, from NumPy's global random "
               "state.").format(what=what),
             cause=_("np.random.permutation(len(features)) draws a new order; a fixed "
                     "rearrangement (reversed, sorted, or a generator with a fixed seed) does "
                     "not."))


COURSE_FEATURES = np.arange(48.0).reshape(24, 2)
COURSE_TARGETS = np.arange(24.0)


@pytest.mark.points(1)
@pytest.mark.hint(1)
@pytest.mark.twin("test_minibatches_random")
def test_minibatches_course_example(submission, learner, rng):
    """minibatches: 24 records in batches of 6 are 4 batches"""
    with case(_("np.random.seed(...); minibatches(np.arange(48.0).reshape(24, 2), "
                "np.arange(24.0), 6), under two different seeds")):
        check_shuffles(submission, learner, COURSE_FEATURES, COURSE_TARGETS, 6, rng,
                       "minibatches(features, targets, 6)")


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(1)
def test_minibatches_random(submission, learner, rng):
    """minibatches of random records, batches of equal size"""
    for n_records, batch_size in ((24, 6), (30, 5), (40, 8)):
        features, targets = _records(rng, n_records, int(rng.integers(2, 5)))
        what = _("minibatches of {records} records, batch_size={size}").format(
            records=n_records, size=batch_size)
        with case(what):
            check_shuffles(submission, learner, features, targets, batch_size, rng, what)


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(1)
def test_minibatches_uneven(submission, learner, rng):
    """minibatches with a smaller last batch, batches of 1, and one batch for all"""
    for n_records, batch_size in ((23, 5), (26, 8), (17, 1), (9, 9), (6, 10)):
        features, targets = _records(rng, n_records, int(rng.integers(2, 5)))
        what = _("minibatches of {records} records, batch_size={size}").format(
            records=n_records, size=batch_size)
        with case(what):
            if n_records > batch_size:
                check_shuffles(submission, learner, features, targets, batch_size, rng, what)
            else:
                check_batches(_call_minibatches(submission, learner, features, targets,
                                                batch_size, int(rng.integers(0, 2**31))),
                              features, targets, batch_size, what, shuffled=False)


@pytest.mark.points(1)
@pytest.mark.hint(1)
def test_minibatches_follow_the_global_seed(submission, learner, rng):
    """minibatches follow np.random.seed"""
    features, targets = _records(rng, 24)
    first, second = (int(seed) for seed in rng.choice(2**31, size=2, replace=False))

    def order(seed):
        result = _call_minibatches(submission, learner, features, targets, 6, seed)
        batches = _batches(result, 2, "minibatches")
        problem = _sizes_problem([len(t) for _, t in batches], len(features), 6)
        if problem is not None:  # no batches at all, say: nothing to put in order
            fail(problem[0], cause=problem[1])
        return np.concatenate([t for _, t in batches])

    with case(_("minibatches(features, targets, 6) on 24 records, twice after "
                "np.random.seed({first}), then after np.random.seed({second})").format(
                    first=first, second=second)):
        once, again, other = order(first), order(first), order(second)
        # A correct answer draws one of 24! orders: a repeat by chance has probability 1e-24.
        if not np.array_equal(once, again):
            fail(_("After the same np.random.seed, minibatches gave different batches: the "
                   "shuffle must come from NumPy's global random state."),
                 cause=_("np.random.default_rng() or random.shuffle have random states of their "
                         "own; use np.random.permutation(len(features))."))
        if np.array_equal(once, other):
            fail(_("After two different np.random.seed values, minibatches gave the same "
                   "batches: the shuffle must come from NumPy's global random state."),
                 cause=_("a generator with a fixed seed, such as np.random.default_rng(0) or "
                         "np.random.RandomState(42), repeats itself; use "
                         "np.random.permutation(len(features))."))


# --- momentum_step -----------------------------------------------------------------------------

def _momentum(weights, gradients, learnrate, beta, *, rule="course"):
    """The weights after each step of the course's momentum, or of one of its mistakes."""
    w = np.asarray(weights, dtype=float)
    v = np.zeros_like(w)
    history = []
    for g in gradients:
        if rule == "course":
            v = beta * v + g
            w = w - learnrate * v
        elif rule == "average":
            v = beta * v + (1 - beta) * g
            w = w - learnrate * v
        elif rule == "plain":
            w = w - learnrate * g
        elif rule == "late":
            w = w - learnrate * v
            v = beta * v + g
        elif rule == "uphill":
            v = beta * v + g
            w = w + learnrate * v
        elif rule == "beta_on_gradient":
            v = v + beta * g
            w = w - learnrate * v
        elif rule == "mixed":
            v = beta * v - learnrate * g
            w = w - learnrate * v
        elif rule == "no_learnrate":
            v = beta * v + g
            w = w - v
        history.append(w)
    return history


MOMENTUM_MISTAKES = (
    ("average", N_("velocity = beta * velocity + (1 - beta) * gradient is another method (an "
                   "average of the gradients); the course's momentum adds the whole gradient: "
                   "velocity = beta * velocity + gradient.")),
    ("late", N_("the weights moved with the old velocity: update the velocity first, then the "
                "weights with the new one.")),
    ("uphill", N_("the sign is flipped: weights = weights - learnrate * velocity.")),
    ("beta_on_gradient", N_("beta multiplies the old velocity, not the gradient: velocity = "
                            "beta * velocity + gradient.")),
    ("mixed", N_("two conventions are mixed: either velocity = beta * velocity + gradient and "
                 "weights -= learnrate * velocity, or velocity = beta * velocity - learnrate * "
                 "gradient and weights += velocity.")),
    ("no_learnrate", N_("learnrate is missing: weights = weights - learnrate * velocity.")),
)


def check_momentum(submission, weights, gradients, learnrate, beta, shown):
    """Step the learner's momentum_step, feeding back its velocity, and compare the weights."""
    expected = _momentum(weights, gradients, learnrate, beta)
    plain = _momentum(weights, gradients, learnrate, beta, rule="plain")
    with case(shown):
        w = np.asarray(weights, dtype=float).copy()
        v = np.zeros_like(w)
        for step, gradient in enumerate(gradients, start=1):
            result = submission.momentum_step(w, v, gradient, learnrate, beta)
            if result is None:
                fail(_("momentum_step returned None. Did you forget "
                       "`return weights, velocity`?"))
            if not isinstance(result, (tuple, list)) or len(result) != 2:
                fail(_("momentum_step returned {kind}; it should return two values: weights, "
                       "velocity.").format(kind=kind_of(result)), actual=result)
            new_w = numbers(result[0], _("momentum_step (its weights)"))
            new_v = numbers(result[1], _("momentum_step (its velocity)"))
            if new_v.shape != w.shape:
                fail(_("momentum_step returned a velocity of shape {shape}; it has the weights' "
                       "shape, {expected}.").format(shape=new_v.shape, expected=w.shape))

            def cause(actual, step=step, old_v=v, new_v=new_v):
                if np.allclose(new_v, expected[step - 1], rtol=1e-6, atol=1e-12):
                    return _("the two values are swapped: return weights, velocity (in that "
                             "order).")
                if step > 1 and np.allclose(actual, plain[step - 1], rtol=1e-6, atol=1e-12):
                    if np.array_equal(new_v, old_v):
                        return _("the velocity you return is the one you were given: return "
                                 "the new velocity, so that the next step builds on it.")
                    return _("the weights follow the gradient, not the velocity: weights = "
                             "weights - learnrate * velocity, after velocity = beta * velocity + "
                             "gradient.")
                for rule, message in MOMENTUM_MISTAKES:
                    wrong = _momentum(weights, gradients, learnrate, beta, rule=rule)
                    if np.allclose(actual, wrong[step - 1], rtol=1e-6, atol=1e-12):
                        return _(message)
                return None

            assert_close(new_w, expected[step - 1],
                         what=_("The weight vector after step {step} (feeding back your "
                                "velocity)").format(step=step),
                         diagnose=cause)
            w, v = new_w, new_v


EXAMPLE_WEIGHTS = np.array([1.0, -2.0])
EXAMPLE_GRADIENTS = [np.array([0.5, -1.0]), np.array([0.4, -0.6]), np.array([0.2, -0.5])]


@pytest.mark.points(1)
@pytest.mark.hint(2)
@pytest.mark.twin("test_momentum_random")
def test_momentum_example(submission, chart):
    """momentum_step: three steps from velocity zero"""
    started, drawable = time.monotonic(), True
    try:
        check_momentum(submission, EXAMPLE_WEIGHTS, EXAMPLE_GRADIENTS, 0.1, 0.9,
                       _("weights = {weights}, velocity = np.zeros(2); then weights, velocity "
                         "= momentum_step(weights, velocity, gradient, 0.1, 0.9) for gradient "
                         "in {gradients}").format(
                             weights=_text(EXAMPLE_WEIGHTS),
                             gradients=[g.tolist() for g in EXAMPLE_GRADIENTS]))
    except LearnerProblem:  # raised, crashed or timed out: not called again for a picture
        drawable = False
        raise
    finally:
        if drawable and time.monotonic() - started <= CHART_SECONDS:
            draw_loss_per_step(chart, submission)


# The chart of momentum_example: full-batch gradient descent with momentum_step on a fixed,
# stretched data set (the kind momentum is for), from zeros, with and without momentum.
CHART_FEATURES, CHART_TARGETS = datasets.stretched_classes(20261130, records=40, stretch=10.0)
CHART_STEPS = 40
CHART_LEARNRATE = 1.0
CHART_BETAS = (0.9, 0.0)
# The three steps of the example must take less than this for the 80 steps of the chart to
# be taken: the chart never costs the other tests their time.
CHART_SECONDS = 0.25
CHART_RUN_SECONDS = 3.0  # and the 80 steps get this much of the test's time


def loss_per_step(step, beta):
    """The training loss on the chart's data after each momentum step taken with `step`."""
    weights = np.zeros(CHART_FEATURES.shape[1])
    velocity = np.zeros_like(weights)
    losses = [(0, _log_loss(CHART_FEATURES, CHART_TARGETS, weights))]
    with np.errstate(all="ignore"):
        for number in range(1, CHART_STEPS + 1):
            output = 0.5 * (1 + np.tanh(CHART_FEATURES @ weights / 2))  # the sigmoid
            gradient = CHART_FEATURES.T @ (output - CHART_TARGETS) / len(CHART_TARGETS)
            weights, velocity = step(weights, velocity, gradient, CHART_LEARNRATE, beta)
            weights = weights.reshape(CHART_FEATURES.shape[1])
            losses.append((number, _log_loss(CHART_FEATURES, CHART_TARGETS, weights)))
    return losses


def _course_step(weights, velocity, gradient, learnrate, beta):
    velocity = beta * velocity + gradient
    return weights - learnrate * velocity, velocity


def draw_loss_per_step(chart, submission):
    """The training loss per step with momentum and without, the learner's momentum_step
    beside the course's, on visible data: momentum gets lower faster where plain gradient
    descent crawls. The course's lines go first, under the learner's, which a right answer
    draws on top of them. A momentum_step that fails while drawing draws nothing."""
    try:
        with chart.runs(CHART_RUN_SECONDS):
            yours = [loss_per_step(_learner_step(submission), beta) for beta in CHART_BETAS]
    except (LearnerProblem, AssertionError, LookupError, ValueError, TypeError):
        return  # LookupError: a dict returned, whose [0] raises KeyError
    course = [loss_per_step(_course_step, beta) for beta in CHART_BETAS]
    chart("curve", _("Training loss per step, with momentum and without"),
          _("step"), _("training loss"),
          [(_("the course's, beta = {beta}").format(beta=f"{beta:g}"), "reference", losses)
           for beta, losses in zip(CHART_BETAS, course, strict=True)]
          + [(_("yours, beta = {beta}").format(beta=f"{beta:g}"), "learner", losses)
             for beta, losses in zip(CHART_BETAS, yours, strict=True)])


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(2)
def test_momentum_random(submission, rng):
    """momentum_step: four steps on random weights"""
    for shape, beta in (((3,), float(rng.uniform(0.5, 0.95))), ((2, 3), 0.0),
                        ((4,), float(rng.uniform(0.1, 0.5)))):
        weights = rng.normal(0.0, 1.0, shape)
        gradients = [rng.normal(0.0, 1.0, shape) for _step in range(4)]
        check_momentum(submission, weights, gradients, float(rng.uniform(0.05, 0.5)), beta,
                       _("four momentum steps on random weights of shape {shape}, "
                         "beta = {beta}").format(shape=shape, beta=f"{beta:.3g}"))


# --- train_sgd ---------------------------------------------------------------------------------

def _train(batches_per_epoch, weights, learnrate, beta, *, reset="never", gradient="course",
           step=None):
    """Train with the given batches, the course's way or with one mistake."""
    w = np.asarray(weights, dtype=float)
    v = np.zeros_like(w)
    for batches in batches_per_epoch:
        if reset == "epoch":
            v = np.zeros_like(w)
        for X, y in batches:
            if reset == "batch":
                v = np.zeros_like(w)
            output = _sigmoid(X @ w)
            if gradient == "course":
                g = X.T @ (output - y) / len(y)
            elif gradient == "sum":
                g = X.T @ (output - y)
            elif gradient == "uphill":
                g = X.T @ (y - output) / len(y)
            elif gradient == "squared":
                g = X.T @ ((output - y) * output * (1 - output)) / len(y)
            elif gradient == "linear":
                g = X.T @ (X @ w - y) / len(y)
            if step is None:
                v = beta * v + g
                w = w - learnrate * v
            else:
                w, v = step(w, v, g, learnrate, beta)
    return w


TRAIN_MISTAKES = (
    ({"reset": "epoch"}, N_("the velocity starts again from zeros every epoch: create it once, "
                            "before the epochs loop, and carry it across epochs.")),
    ({"reset": "batch"}, N_("the velocity starts again from zeros at every batch, so momentum "
                            "never builds up: create it once, before the loops.")),
    ({"gradient": "sum"}, N_("the gradient is summed over the batch, not averaged: divide by "
                             "the batch's size, len(targets_batch).")),
    ({"gradient": "uphill"}, N_("the gradient's sign is flipped: the log-loss's gradient is "
                                "features_batch.T @ (output - targets_batch) / batch size.")),
    ({"gradient": "squared"}, N_("that is the squared error's gradient, with its output * (1 - "
                                 "output) factor; the log-loss's is features_batch.T @ (output - "
                                 "targets_batch) / batch size.")),
    ({"gradient": "linear"}, N_("the sigmoid is missing: output = sigmoid(features_batch @ "
                                "weights).")),
)


def _learner_step(submission):
    def step(w, v, g, learnrate, beta):
        result = submission.momentum_step(w, v, g, learnrate, beta)
        return (numbers(result[0], "momentum_step"), numbers(result[1], "momentum_step"))
    return step


def _replay_batches(submission, learner, features, targets, batch_size, epochs, seed):
    """The batches the learner's minibatches draws under `seed`, one call per epoch."""
    learner.seed_numpy(seed)
    return [_batches(submission.minibatches(features, targets, batch_size), features.shape[1],
                     "minibatches")
            for _epoch in range(epochs)]


def _close(actual, weights):
    return np.allclose(actual, weights, rtol=1e-6, atol=1e-9)


def train_cause(submission, batches, start, learnrate, beta, actual):
    """Why the learner's weights differ from a correct training on its own batches."""
    try:
        theirs = _train(batches, start, learnrate, beta, step=_learner_step(submission))
    except (LearnerProblem, AssertionError, ValueError, IndexError, TypeError):
        theirs = None
    if theirs is not None and theirs.shape == actual.shape and _close(actual, theirs) \
            and not _close(actual, _train(batches, start, learnrate, beta)):
        return _("train_sgd follows your momentum_step, which is not right yet: fix "
                 "momentum_step first (see its tests).")
    resets = [_close(actual, _train(batches, start, learnrate, beta, reset=when))
              for when in ("epoch", "batch")]
    if all(resets):
        return _("the velocity starts again from zeros at every epoch or every batch: create "
                 "it once, before the loops, and carry it across batches and epochs.")
    for options, message in TRAIN_MISTAKES:
        if _close(actual, _train(batches, start, learnrate, beta, **options)):
            return _(message)
    if _close(actual, _train(batches[:1], start, learnrate, beta)):
        return _("only one epoch ran: is `return` inside the epochs loop?")
    if _close(actual, _train([batches[0]] * len(batches), start, learnrate, beta)):
        return _("every epoch reuses the first epoch's batches: call minibatches inside the "
                 "epochs loop, so that each epoch has a new order.")
    if beta and _close(actual, _train(batches, start, learnrate, 0.0)):
        return _("beta is not used: pass it on to momentum_step.")
    return _("train_sgd must draw its batches from your minibatches, called once per epoch, "
             "and draw nothing else from np.random; if it does, look for a difference in the "
             "gradient or the update.")


def _weights(result, n_features, what):
    weights = numbers(result, what)
    if weights.shape != (n_features,):
        fail(_("{what} returned weights of shape {shape}; it should return the weights, shape "
               "({size},).").format(what=what, shape=weights.shape, size=n_features),
             cause=_("return only the weights, not (weights, velocity).")
             if weights.shape == (2, n_features) else None)
    return weights


def check_replay(submission, learner, features, targets, start, epochs, batch_size, learnrate,
                 beta, seed, shown):
    with case(shown):
        learner.seed_numpy(seed)
        actual = _weights(submission.train_sgd(features, targets, start.copy(), epochs,
                                               batch_size, learnrate, beta),
                          features.shape[1], "train_sgd")
        try:
            batches = _replay_batches(submission, learner, features, targets, batch_size,
                                      epochs, seed)
        except (LearnerProblem, AssertionError) as problem:
            fail(_("train_sgd is checked with the batches your minibatches draws, and "
                   "minibatches fails: {problem}").format(problem=problem))
        expected = _train(batches, start, learnrate, beta)
        assert_close(actual, expected, what=_("The weight vector train_sgd returns"),
                     diagnose=lambda weights: train_cause(submission, batches, start, learnrate,
                                                          beta, weights))


EXAMPLE_FEATURES = np.array([[0.5, 1.0], [-1.0, 0.5], [1.5, -0.5], [-0.5, -1.5]])
EXAMPLE_TARGETS = np.array([1.0, 0.0, 1.0, 0.0])
EXAMPLE_START = np.array([0.1, -0.2])


@pytest.mark.points(1)
@pytest.mark.hint(3)
@pytest.mark.twin("test_train_sgd_full_batch")
def test_train_sgd_example(submission, learner, rng):
    """train_sgd: three epochs of one batch of four records"""
    check_replay(submission, learner, EXAMPLE_FEATURES, EXAMPLE_TARGETS, EXAMPLE_START, 3, 4,
                 0.5, 0.9, int(rng.integers(0, 2**31)),
                 f"train_sgd({_text(EXAMPLE_FEATURES)}, {_text(EXAMPLE_TARGETS)}, "
                 f"{_text(EXAMPLE_START)}, epochs=3, batch_size=4, learnrate=0.5, beta=0.9)")


def _random_problem(rng, n_records):
    features = rng.normal(0.0, 1.0, (n_records, 3))
    targets = rng.integers(0, 2, n_records).astype(float)
    start = rng.normal(0.0, 0.5, 3)
    return features, targets, start, float(rng.uniform(0.1, 1.0)), float(rng.uniform(0.5, 0.95))


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(3)
def test_train_sgd_full_batch(submission, learner, rng):
    """train_sgd on random records, one batch per epoch"""
    for n_records, epochs in ((6, 4), (10, 2)):
        features, targets, start, learnrate, beta = _random_problem(rng, n_records)
        check_replay(submission, learner, features, targets, start, epochs, n_records,
                     learnrate, beta, int(rng.integers(0, 2**31)),
                     _("train_sgd on {records} random records, {epochs} epochs, "
                       "batch_size={size}").format(records=n_records, epochs=epochs,
                                                   size=n_records))


@pytest.mark.points(2)
@pytest.mark.hidden
@pytest.mark.hint(3)
def test_train_sgd_replay(submission, learner, rng):
    """train_sgd on random records, with your own batches"""
    for n_records, batch_size, epochs in ((30, 8, 3), (25, 5, 2)):
        features, targets, start, learnrate, beta = _random_problem(rng, n_records)
        check_replay(submission, learner, features, targets, start, epochs, batch_size,
                     learnrate, beta, int(rng.integers(0, 2**31)),
                     _("np.random.seed(...); train_sgd on {records} random records, "
                       "{epochs} epochs, batch_size={size}").format(
                           records=n_records, epochs=epochs, size=batch_size))


def _train_learner(submission, learner, features, targets, seed, setting, beta):
    learner.seed_numpy(seed)
    start = np.zeros(features.shape[1])
    return _weights(submission.train_sgd(features, targets, start, setting["epochs"],
                                         setting["batch_size"], setting["learnrate"], beta),
                    features.shape[1], "train_sgd")


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(3)
def test_train_sgd_accuracy(submission, reference, learner, rng):
    """train_sgd: the course's accuracy on generated data"""
    features, targets = datasets.stretched_classes(int(rng.integers(0, 2**31)), stretch=1.0)
    seed = int(rng.integers(0, 2**31))
    setting = ACCURACY_SETTING
    np.random.seed(seed)
    trusted = reference.train_sgd(features, targets, np.zeros(2), setting["epochs"],
                                  setting["batch_size"], setting["learnrate"], setting["beta"])
    expected = float(np.mean((features @ trusted > 0) == targets))
    with case(_("train_sgd(features, targets, np.zeros(2), epochs={epochs}, "
                "batch_size={batch_size}, learnrate={learnrate}, beta={beta}) on {size} points "
                "that a line separates").format(size=len(targets), **setting)):
        weights = _train_learner(submission, learner, features, targets, seed, setting,
                                 setting["beta"])
        if not np.isfinite(weights).all():
            fail(_("After training, your weights contain nan or inf."))
        reached = float(np.mean((features @ weights > 0) == targets))
        if reached < expected - ACCURACY_SLACK:
            fail(_("After training, your weights classify {reached} of the points correctly; "
                   "the course's train_sgd classifies {expected} of them.").format(
                       reached=f"{reached:.0%}", expected=f"{expected:.0%}"),
                 cause=_("a train_sgd that fails its own tests above: fix those first."))


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(4)
def test_momentum_beats_plain_sgd(submission, learner, rng):
    """momentum (beta 0.9) beats plain SGD on stretched data"""
    features, targets = datasets.stretched_classes(int(rng.integers(0, 2**31)), stretch=10.0)
    seed = int(rng.integers(0, 2**31))
    setting = MOMENTUM_SETTING
    with case(_("train_sgd(features, targets, np.zeros(2), epochs={epochs}, "
                "batch_size={batch_size}, learnrate={learnrate}, beta) with beta = 0 and 0.9, "
                "the same seed, on {size} points whose second feature is 10 times smaller than "
                "the first").format(size=len(targets), **setting)):
        losses = []
        for beta in MOMENTUM_BETAS:
            weights = _train_learner(submission, learner, features, targets, seed, setting,
                                     beta)
            losses.append(_log_loss(features, targets, weights))
        if not np.isfinite(losses).all():
            fail(_("After training, a training loss is nan or inf."))
        plain, momentum = losses
        start = _log_loss(features, targets, np.zeros(2))
        if min(losses) >= start:
            fail(_("Neither training lowered the loss: it started at {start:.4f}, and ended at "
                   "{plain:.4f} with beta = 0 and {momentum:.4f} with beta = 0.9.").format(
                       start=start, plain=plain, momentum=momentum),
                 cause=_("weights that do not move, or move uphill: check train_sgd's own "
                         "tests."))
        if momentum >= plain:
            fail(_("With beta = 0.9 your train_sgd ends at a training loss of {momentum:.4f}, "
                   "and with beta = 0 at {plain:.4f}: momentum should get further in the same "
                   "epochs on data like these, where plain gradient descent crawls along the "
                   "stretched direction.").format(momentum=momentum, plain=plain),
                 cause=_("beta makes no difference: pass it on to momentum_step, and keep the "
                         "velocity across batches (create it once, before the loops).")
                 if np.isclose(momentum, plain) else _("momentum_step or train_sgd fails its "
                                                       "own tests above: fix those first."))
