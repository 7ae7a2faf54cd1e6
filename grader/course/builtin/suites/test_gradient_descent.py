"""Hidden suite: logistic regression by gradient descent (seed section 9)."""

import time

import numpy as np
import pytest

from grader.core.compare import assert_close, case, fail, kind_of, numbers
from grader.feedback import LearnerProblem, Raised
from grader.i18n import _

EPOCHS = 100
LEARNRATE = 0.1
ACCURACY_SLACK = 0.02


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def element_wise_call(function, *args):
    """Call the learner's function; math.exp or math.log on an array gets its own message."""
    try:
        return function(*args)
    except Raised as error:
        if error.type_name == "TypeError" and "scalar" in error.message \
                and "np.exp" not in error.message:
            fail(error.message, cause=_("math.exp and math.log take one number at a time. "
                                        "Use np.exp and np.log: they work element-wise on "
                                        "whole arrays."))
        raise


# ---------------------------------------------------------------------------------------------
# sigmoid


def sigmoid_diagnose(x):
    x = np.asarray(x, dtype=float)
    known = (
        (1 / (1 + np.exp(x)), _("the sign in the exponent is flipped: sigmoid(x) = "
                                "1 / (1 + np.exp(-x)), with -x.")),
        (1 + np.exp(-x), _("brackets: 1 / 1 + np.exp(-x) is 1 + np.exp(-x). Write "
                           "1 / (1 + np.exp(-x)).")),
        (1 / (1 - np.exp(-x)), _("the denominator is 1 + np.exp(-x), with a plus.")),
        (np.exp(-x) / (1 + np.exp(-x)), _("that is 1 - sigmoid(x): the numerator is 1, not "
                                          "np.exp(-x).")),
        (np.tanh(x), _("that is tanh(x); the sigmoid is 1 / (1 + np.exp(-x)).")),
        (1 / (1 + np.exp(-x)) * (1 - 1 / (1 + np.exp(-x))),
         _("that is the sigmoid's derivative, sigmoid(x) * (1 - sigmoid(x)).")),
    )

    def cause(actual):
        for values, message in known:
            if actual.shape == values.shape and np.allclose(actual, values, rtol=1e-6):
                return message
        if actual.size == 1 and x.size > 1:
            return _("sigmoid must work element-wise: one output for each input.")
        return None

    return cause


def check_sigmoid(submission, x, shown):
    with case(shown):
        actual = element_wise_call(submission.sigmoid, x)
        assert_close(actual, sigmoid(np.asarray(x, dtype=float)), what=shown,
                     diagnose=sigmoid_diagnose(x))


@pytest.mark.points(1)
@pytest.mark.hint(1)
@pytest.mark.twin("test_sigmoid_random")
def test_sigmoid_values(submission):
    """sigmoid(0) is 0.5; sigmoid of 2, -2 and of an array, element by element"""
    for x in (0, 2.0, -2.0):
        check_sigmoid(submission, x, f"sigmoid({x!r})")
    x = np.array([-3.0, -1.0, 0.0, 1.0, 3.0])
    check_sigmoid(submission, x, f"sigmoid(np.array({x.tolist()}))")


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(1)
def test_sigmoid_random(submission, rng):
    """sigmoid of random numbers, vectors and matrices, element by element"""
    check_sigmoid(submission, float(rng.normal(0.0, 3.0)), _("sigmoid of a random number"))
    for shape in ((7,), (3, 4)):
        x = rng.normal(0.0, 3.0, shape)
        check_sigmoid(submission, x,
                      _("sigmoid of a random array of shape {shape}").format(shape=shape))


# ---------------------------------------------------------------------------------------------
# output_formula


def output_diagnose(features, weights, bias):
    score = features @ weights
    known = (
        (score + bias, _("the sigmoid is missing: output_formula returns "
                         "sigmoid(np.matmul(features, weights) + bias).")),
        (sigmoid(score), _("the bias is missing: sigmoid(np.matmul(features, weights) + "
                           "bias).")),
        (sigmoid(score - bias), _("the bias is subtracted: add it, "
                                  "sigmoid(np.matmul(features, weights) + bias).")),
        (sigmoid(-(score + bias)), _("the sign is flipped: sigmoid(features @ weights + bias), "
                                     "not sigmoid(-(...)).")),
        (sigmoid(features * weights + bias), _("features * weights multiplies element by "
                                               "element; use np.matmul(features, weights) for "
                                               "one score per point.")),
    )

    def cause(actual):
        for values, message in known:
            if actual.shape == values.shape and np.allclose(actual, values, rtol=1e-6):
                return message
        return None

    return cause


def check_output(submission, features, weights, bias, shown):
    with case(shown):
        actual = submission.output_formula(features, weights, bias)
        assert_close(actual, sigmoid(features @ weights + bias), what=shown,
                     diagnose=output_diagnose(features, weights, bias))


@pytest.mark.points(1)
@pytest.mark.hint(1)
@pytest.mark.twin("test_output_formula_random")
def test_output_formula_examples(submission):
    """output_formula for one point and for a matrix of three points"""
    weights, bias = np.array([0.4, -0.6]), 0.1
    point = np.array([0.5, 0.2])
    check_output(submission, point, weights, bias,
                 "output_formula(np.array([0.5, 0.2]), np.array([0.4, -0.6]), 0.1)")
    points = np.array([[0.5, 0.2], [1.0, 1.0], [-2.0, 0.5]])
    check_output(submission, points, weights, bias,
                 f"output_formula(np.array({points.tolist()}), np.array([0.4, -0.6]), 0.1)")


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(1)
def test_output_formula_random(submission, rng):
    """output_formula on random points, weights and biases"""
    for n_features in (2, 3):
        weights = rng.normal(0.0, 1.0, n_features)
        bias = float(rng.normal(0.0, 1.0))
        point = rng.normal(0.0, 1.0, n_features)
        check_output(submission, point, weights, bias,
                     _("output_formula of one random point"))
        points = rng.normal(0.0, 1.0, (6, n_features))
        check_output(submission, points, weights, bias,
                     _("output_formula of {n} random points").format(n=len(points)))


# ---------------------------------------------------------------------------------------------
# error_formula


def log_loss(y, output):
    return -y * np.log(output) - (1 - y) * np.log(1 - output)


def error_diagnose(y, output):
    y = np.asarray(y, dtype=float)
    output = np.asarray(output, dtype=float)
    right = log_loss(y, output)
    known = (
        (-right, _("the minus signs are missing: the error is -y*ln(output) - "
                   "(1-y)*ln(1-output), a positive number.")),
        (right / np.log(10), _("log base 10? Use the natural log, np.log, not np.log10.")),
        (right / np.log(2), _("log base 2? Use the natural log, np.log, not np.log2.")),
        (log_loss(y, 1 - output), _("the two terms are swapped: y goes with ln(output), and "
                                    "(1 - y) with ln(1 - output).")),
        (-y * np.log(output), _("only the -y*ln(output) term: subtract (1-y)*ln(1-output) "
                                "too.")),
        (-(1 - y) * np.log(1 - output), _("only the -(1-y)*ln(1-output) term: subtract "
                                          "y*ln(output) too.")),
        (-y * np.log(output) + (1 - y) * np.log(1 - output),
         _("the second term has the wrong sign: -y*ln(output) - (1-y)*ln(1-output).")),
    )

    def cause(actual):
        for values, message in known:
            if actual.shape == values.shape and np.allclose(actual, values, rtol=1e-6):
                return message
        if right.ndim and actual.ndim == 0:
            if np.isclose(actual, right.sum()) or np.isclose(actual, right.mean()):
                return _("error_formula works element-wise: one error per point. Do not sum "
                         "or average them.")
            return _("error_formula works element-wise: one error per point.")
        return None

    return cause


def check_error(submission, y, output, shown):
    with case(shown):
        actual = element_wise_call(submission.error_formula, y, output)
        assert_close(actual, log_loss(np.asarray(y, dtype=float), np.asarray(output, float)),
                     what=shown, diagnose=error_diagnose(y, output))


@pytest.mark.points(1)
@pytest.mark.hint(2)
@pytest.mark.twin("test_error_formula_random")
def test_error_formula_examples(submission):
    """error_formula for a positive and a negative point, and for arrays, element by element"""
    check_error(submission, 1, 0.8, "error_formula(1, 0.8)")
    check_error(submission, 0, 0.8, "error_formula(0, 0.8)")
    y, output = np.array([1, 0, 1]), np.array([0.9, 0.2, 0.4])
    check_error(submission, y, output,
                f"error_formula(np.array({y.tolist()}), np.array({output.tolist()}))")


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(2)
def test_error_formula_random(submission, rng):
    """error_formula on random labels and outputs, element by element"""
    y = float(rng.integers(0, 2))
    check_error(submission, y, float(rng.uniform(0.05, 0.95)),
                _("error_formula of one random point"))
    for size in (5, 12):
        y = rng.integers(0, 2, size)
        output = rng.uniform(0.02, 0.98, size)
        check_error(submission, y, output,
                    _("error_formula of {n} random points").format(n=size))


# ---------------------------------------------------------------------------------------------
# update_weights


def update(x, y, weights, bias, learnrate, *, factor=None, sign=1.0, bias_sign=1.0,
           bias_step=True, with_x=True):
    """The course's update_weights, or one of its mistakes when a keyword is set."""
    output = sigmoid(x @ weights + bias)
    d_error = -(y - output)
    if factor is not None:
        d_error = d_error * factor(output)
    weights = weights - sign * learnrate * d_error * (x if with_x else 1.0)
    if bias_step:
        bias = bias - bias_sign * sign * learnrate * d_error
    return weights, bias


def update_mistakes(learnrate):
    mistakes = [
        (_("that is the gradient of the squared error, with its extra output * (1 - output) "
           "factor. For the log-loss the factor cancels: d_error = -(y - output), and "
           "weights -= learnrate * d_error * x."),
         {"factor": lambda output: output * (1 - output)}),
        (_("the sign is flipped: with d_error = -(y - output), subtract: "
           "weights -= learnrate * d_error * x and bias -= learnrate * d_error."),
         {"sign": -1.0}),
        (_("the weights move the wrong way: weights -= learnrate * d_error * x, with "
           "d_error = -(y - output)."), {"sign": -1.0, "bias_sign": -1.0}),
        (_("the bias moves the wrong way: bias -= learnrate * d_error, with "
           "d_error = -(y - output)."), {"bias_sign": -1.0}),
        (_("learnrate is ignored: multiply each change by learnrate."), {"learnrate": 1.0}),
        (_("the bias is not updated: bias -= learnrate * d_error, and return it with the "
           "weights."), {"bias_step": False}),
        (_("the change of the weights is missing its factor x: "
           "weights -= learnrate * d_error * x."), {"with_x": False}),
    ]
    if not np.isclose(learnrate, 0.01):
        mistakes.append((_("you used 0.01 instead of the learnrate argument."),
                         {"learnrate": 0.01}))
    return mistakes


def update_variants(x, y, weights, bias, learnrate):
    for message, options in update_mistakes(learnrate):
        options = dict(options)
        rate = options.pop("learnrate", learnrate)
        yield message, *update(x, y, weights, bias, rate, **options)


def update_cause(variants, weights_seen, bias_seen):
    if np.ndim(bias_seen) and np.size(bias_seen) > 1:
        return _("the bias is one number: bias -= learnrate * d_error, without x.")
    for message, weights, bias in variants:
        if np.shape(weights_seen) == weights.shape and np.size(bias_seen) == 1 \
                and np.allclose(weights_seen, weights, rtol=1e-6, atol=1e-9) \
                and np.isclose(np.ravel(bias_seen)[0], bias, rtol=1e-6, atol=1e-9):
            return message
    return None


def returned_pair(result, what):
    if result is None:
        fail(_("{what} returned None. Did you forget `return weights, bias`?").format(
            what=what))
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        fail(_("{what} returned {kind}; it should return two values: weights, bias.").format(
            what=what, kind=kind_of(result)), actual=result)
    return result


def check_update(submission, x, y, weights, bias, learnrate, shown):
    expected_weights, expected_bias = update(x, y, weights, bias, learnrate)
    variants = list(update_variants(x, y, weights, bias, learnrate))
    with case(shown):
        result = submission.update_weights(x, y, weights.copy(), bias, learnrate)
        new_weights, new_bias = returned_pair(result, "update_weights")
        weights_array = numbers(new_weights, _("update_weights (its weights)"))
        bias_array = numbers(new_bias, _("update_weights (its bias)"))
        assert_close(weights_array, expected_weights,
                     what=_("The weights update_weights returns"),
                     diagnose=lambda actual: update_cause(variants, actual, bias_array))
        if bias_array.size != 1:
            fail(_("update_weights returned the bias as {kind}; the bias is one number.").format(
                kind=kind_of(new_bias)), actual=new_bias,
                 cause=update_cause(variants, weights_array, bias_array))
        assert_close(bias_array.ravel()[0], expected_bias,
                     what=_("The bias update_weights returns"),
                     diagnose=lambda actual: update_cause(variants, weights_array, actual))


@pytest.mark.points(1)
@pytest.mark.hint(3)
@pytest.mark.twin("test_update_weights_random")
def test_update_weights_example(submission):
    """update_weights: one gradient-descent step on one point"""
    x, weights = np.array([0.5, -0.3]), np.array([0.2, 0.4])
    check_update(submission, x, 1, weights, 0.1, 0.5,
                 "update_weights(np.array([0.5, -0.3]), 1, np.array([0.2, 0.4]), 0.1, 0.5)")
    check_update(submission, x, 0, weights, 0.1, 0.5,
                 "update_weights(np.array([0.5, -0.3]), 0, np.array([0.2, 0.4]), 0.1, 0.5)")


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(3)
def test_update_weights_random(submission, rng):
    """update_weights on random points, labels, weights, biases and learning rates"""
    for _round in range(4):
        n_features = int(rng.integers(2, 5))
        x = rng.normal(0.0, 1.0, n_features)
        weights = rng.normal(0.0, 1.0, n_features)
        check_update(submission, x, int(rng.integers(0, 2)), weights,
                     float(rng.normal(0.0, 1.0)), float(rng.uniform(0.05, 0.9)),
                     _("update_weights on a random point with {n} features").format(
                         n=n_features))


# ---------------------------------------------------------------------------------------------
# train


def separable_points(rng, n=100, margin=0.1):
    """n points in the unit square on both sides of a random line that misses the origin."""
    angle = rng.uniform(np.pi / 4 - 0.6, np.pi / 4 + 0.6)
    normal = np.array([np.cos(angle), np.sin(angle)])
    center = rng.uniform(0.4, 0.6, 2)
    X = rng.uniform(0.0, 1.0, (20 * n, 2))
    X = X[np.abs((X - center) @ normal) > margin / 2][:n]
    y = ((X - center) @ normal > 0).astype(int)
    if rng.integers(0, 2):
        y = 1 - y
    return X, y


def accuracy(X, y, weights, bias):
    return float(np.mean((sigmoid(X @ weights + bias) > 0.5) == y))


def mean_error(X, y, weights, bias):
    """The mean log-loss over the points, the error the course's notebook plots per epoch; an
    output of exactly 0 or 1 counts as nearly so, so that a picture gets a number."""
    output = np.clip(sigmoid(X @ weights + bias), 1e-12, 1 - 1e-12)
    return float(np.mean(log_loss(y, output)))


def starting_weights(X, seed):
    """The weights the course's train draws after np.random.seed(seed)."""
    return np.random.RandomState(seed).normal(scale=1 / X.shape[1] ** 0.5, size=X.shape[1])


def train_cause(submission, X, y, seed, weights, bias):
    """Why the learner's trained weights fall short, when the reason is a known one."""
    start = starting_weights(X, seed)
    if np.allclose(weights, start) and bias == 0:
        return _("your weights and bias never change. Keep what update_weights returns: "
                 "weights, bias = update_weights(x, y, weights, bias, learnrate).")
    if bias == 0:
        return _("the bias is still 0: keep the bias that update_weights returns too "
                 "(weights, bias = update_weights(...)).")
    one_epoch = start.copy(), 0.0
    for x_, y_ in zip(X, y, strict=True):
        one_epoch = update(x_, y_, *one_epoch, LEARNRATE)
    if np.allclose(weights, one_epoch[0]) and np.isclose(bias, one_epoch[1]):
        return _("only one epoch was run: is `return` inside the epochs loop?")
    rng = np.random.default_rng(seed)
    x, weights_probe = rng.normal(0.0, 1.0, 2), rng.normal(0.0, 1.0, 2)
    own_update = _("train uses your update_weights, which fails its own tests: fix it first.")
    try:
        result = submission.update_weights(x, 1, weights_probe.copy(), 0.3, LEARNRATE)
        got = numbers(returned_pair(result, "update_weights")[0], "update_weights")
    except (LearnerProblem, AssertionError):
        return own_update
    if got.shape != (2,) or not np.allclose(got, update(x, 1, weights_probe, 0.3, LEARNRATE)[0]):
        return own_update
    return None


def trained_weights(submission, result, X, y, seed):
    """train's answer as one weight per feature and one bias, finite, or a failure that says
    what it is instead."""
    weights, bias = returned_pair(result, "train")
    weights = numbers(weights, _("train (its weights)"))
    bias = numbers(bias, _("train (its bias)"))
    if weights.size != X.shape[1] or bias.size != 1:
        fail(_("train returned weights of shape {weights} and a bias of shape {bias}; expected "
               "one weight per feature ({n}) and one bias.").format(
            weights=weights.shape, bias=bias.shape, n=X.shape[1]))
    weights, bias = weights.ravel(), float(bias.ravel()[0])
    if not np.isfinite(weights).all() or not np.isfinite(bias):
        fail(_("train returned weights or a bias that are nan or inf."),
             cause=train_cause(submission, X, y, seed, weights, bias))
    return weights, bias


def check_accuracy(submission, X, y, seed, weights, bias, reference_accuracy):
    reached = accuracy(X, y, weights, bias)
    if reached < reference_accuracy - ACCURACY_SLACK:
        fail(_("After train, your weights and bias classify {reached:.0%} of the {n} points "
               "correctly. A line separates these points, and the course's train classifies "
               "(nearly) all of them.").format(reached=reached, n=len(X)),
             cause=train_cause(submission, X, y, seed, weights, bias))


def check_trained(submission, X, y, seed, reference_accuracy):
    result = submission.train(X, y, EPOCHS, LEARNRATE)
    weights, bias = trained_weights(submission, result, X, y, seed)
    check_accuracy(submission, X, y, seed, weights, bias, reference_accuracy)


# The visible example: 16 points of the unit square that a line separates with room to spare
# (separable_points drew them, rounded to two decimals), and the seed of the starting weights.
# After its 100 epochs the course's train classifies all 16 from any starting weights.
COURSE_FEATURES = np.array([
    [0.04, 0.57], [0.98, 0.78], [0.84, 0.56], [0.94, 0.02], [0.91, 0.47], [0.97, 0.76],
    [0.59, 0.25], [0.67, 0.08], [0.25, 0.36], [0.17, 0.26], [0.2, 0.04], [0.42, 0.9],
    [0.35, 0.03], [0.98, 0.77], [0.87, 0.57], [0.34, 0.85]])
COURSE_TARGETS = np.array([0, 1, 1, 0, 1, 1, 0, 0, 0, 0, 0, 1, 0, 1, 1, 1])
COURSE_SEED = 42
# The epochs after which the learner's train is run again for its error curve: dense at the
# start, where the error falls fastest, 394 epochs in all, about four graded runs.
CURVE_EPOCHS = (0, 1, 2, 3, 5, 7, 10, 15, 20, 30, 40, 50, 65, 80, 100)
CHART_SECONDS = 0.5  # a train slower than this is not run again for a picture
CURVE_SECONDS = 4.0  # and the runs again stop after this, well within the test's limit


def course_run(X, y, seed):
    """The course's train, epoch by epoch: its weights and bias after 0, 1, ... EPOCHS
    epochs."""
    states = [(starting_weights(X, seed), 0.0)]
    for _epoch in range(EPOCHS):
        weights, bias = states[-1]
        for x_, y_ in zip(X, y, strict=True):
            weights, bias = update(x_, y_, weights, bias, LEARNRATE)
        states.append((weights, bias))
    return states


@pytest.mark.points(1)
@pytest.mark.hint(4)
@pytest.mark.twin("test_train")
@pytest.mark.timeout(10)
def test_train_example(submission, learner, chart):
    """train on 16 points that a line separates, its error per epoch beside the course's"""
    X, y = COURSE_FEATURES, COURSE_TARGETS
    course = course_run(X, y, COURSE_SEED)
    learner.seed_numpy(COURSE_SEED)
    with case(_("np.random.seed({seed}); train(features, targets, {epochs}, {learnrate}) with "
                "features = {features} and targets = {targets}").format(
            seed=COURSE_SEED, epochs=EPOCHS, learnrate=LEARNRATE, features=X.tolist(),
            targets=y.tolist())):
        started = time.monotonic()
        result = submission.train(X, y, EPOCHS, LEARNRATE)
        seconds = time.monotonic() - started
        drawable = True
        try:
            weights, bias = trained_weights(submission, result, X, y, COURSE_SEED)
            check_accuracy(submission, X, y, COURSE_SEED, weights, bias,
                           accuracy(X, y, *course[-1]))
        except LearnerProblem:
            drawable = False
            raise
        finally:
            if drawable:
                draw_training(chart, submission, learner, result, course, seconds)


def draw_training(chart, submission, learner, result, course, seconds):
    """The learner's mean error after 0, 1, 2, ... epochs beside the course's, and the final
    boundary lines over the points, the learner's drawn last so that a right answer's shows
    over the course's: a visible example, so the course's values may show. The
    curve comes from train runs of their own (train returns only the final weights), made
    after the grading and only for a train fast enough that running it again costs no test
    its time; the boundary is the graded run's."""
    X, y = COURSE_FEATURES, COURSE_TARGETS
    if seconds > CHART_SECONDS:
        curve = []
    else:
        with chart.runs(CURVE_SECONDS + CHART_SECONDS):
            curve = error_curve(submission, learner, X, y)
    if curve:
        chart("curve", _("The mean error after each epoch"), _("epochs"), _("mean error"),
              [("", "reference", [(epoch, mean_error(X, y, *state))
                                  for epoch, state in enumerate(course)]),
               ("", "learner", curve)])
    found = weights_of(result)
    chart("plane", _("The boundary line after training, over the points"), "x1", "x2",
          [("y = 0", "data", X[y == 0]), ("y = 1", "data", X[y == 1]),
           ("", "reference", line_ends(*course[-1])),
           *([("", "learner", line_ends(*found))] if found else [])])


def error_curve(submission, learner, X, y):
    """The learner's mean error after each of CURVE_EPOCHS, as far as its train gets them."""
    curve, started = [], time.monotonic()
    for epochs in CURVE_EPOCHS:
        if time.monotonic() - started > CURVE_SECONDS:
            break
        try:
            learner.seed_numpy(COURSE_SEED)
            found = weights_of(submission.train(X, y, epochs, LEARNRATE))
        except LearnerProblem:
            break
        if found is None:
            break
        curve.append((epochs, mean_error(X, y, *found)))
    return curve


def weights_of(result):
    """The two weights and the bias in train's answer, or None when it holds no such pair."""
    try:
        weights, bias = returned_pair(result, "train")
        weights, bias = numbers(weights, "train").ravel(), numbers(bias, "train").ravel()
    except (LearnerProblem, AssertionError):
        return None
    if weights.shape != (2,) or bias.shape != (1,):
        return None
    return weights, float(bias[0])


def line_ends(weights, bias):
    """Two far points of the line weights @ x + bias = 0, whichever way it runs; the chart
    cuts it to the points it shows."""
    length = float(np.hypot(*weights))
    if not np.isfinite(length) or not np.isfinite(bias) or length == 0:
        return []
    foot = -(bias / length) * (weights / length)  # length**2 overflows for weights of 1e200
    along = np.array([-weights[1], weights[0]]) / length
    reach = 10.0 + float(np.abs(foot).sum())
    return [foot - reach * along, foot + reach * along]


TRAIN_DATA_SETS = 3  # a wrong train reached the course's accuracy on about 1 data set in 20


def separable_case(rng, reference):
    """A separable data set and a seed on which the course's train classifies (nearly) every
    point, with the accuracy it reaches."""
    for _attempt in range(20):
        X, y = separable_points(rng)
        seed = int(rng.integers(0, 2**31 - 1))
        np.random.seed(seed)
        reference_accuracy = accuracy(X, y, *reference.train(X, y, EPOCHS, LEARNRATE))
        if reference_accuracy >= 0.97:
            break
    return X, y, seed, reference_accuracy


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(4)
@pytest.mark.timeout(10)
def test_train(submission, reference, learner, rng, chart):
    """train classifies separable data sets as well as the course's train"""
    first, drawable = None, True
    try:
        for _data_set in range(TRAIN_DATA_SETS):
            X, y, seed, reference_accuracy = separable_case(rng, reference)
            learner.seed_numpy(seed)
            with case(_("np.random.seed(...); train(features, targets, {epochs}, {learnrate}) "
                        "on {n} separable points").format(epochs=EPOCHS, learnrate=LEARNRATE,
                                                           n=len(X))):
                started = time.monotonic()
                try:
                    check_trained(submission, X, y, seed, reference_accuracy)
                except LearnerProblem:  # raised, crashed or timed out: no train to run again
                    drawable = False
                    raise
                finally:
                    first = first or (X, y, seed, reference_accuracy,
                                      time.monotonic() - started)
    finally:
        if first is not None and drawable:
            draw_accuracy(chart, submission, learner, *first)


CHART_EPOCHS = (0, 1, 3, 10, 30, EPOCHS)


def draw_accuracy(chart, submission, learner, X, y, seed, reference_accuracy, seconds):
    """The accuracy the learner's train reaches after 0, 1, 3, ... epochs on the first data set,
    and the accuracy it had to reach: drawn after the grading, from train runs of their own
    (train returns only the final weights), and only for a train fast enough that running it
    again costs the other tests no time. A hidden test: neither the data nor the course's
    curve are drawn."""
    if seconds > CHART_SECONDS:
        return
    reached = []
    with chart.runs(CURVE_SECONDS):
        for epochs in CHART_EPOCHS:
            try:
                learner.seed_numpy(seed)
                found = weights_of(submission.train(X, y, epochs, LEARNRATE))
            except LearnerProblem:
                return
            if found is None:
                return
            reached.append((epochs, accuracy(X, y, *found)))
    needed = reference_accuracy - ACCURACY_SLACK
    chart("curve", _("Accuracy of your train on a random data set"),
          _("epochs"), _("accuracy"),
          [("", "learner", reached), ("", "bound", [(0, needed), (EPOCHS, needed)])])
