"""Hidden suite: squared error, and learning one sigmoid unit's weights (seed section 13).

The course's SSE and MSE carry a factor 1/2, and the MSE divides by the number of records m,
not by the number of numbers: with targets of shape (m, k) that difference shows, so the suite
uses 2-D targets too. train_epoch and train are deterministic (no random draws), so they are
compared with the suite's own vectorised gradient descent, and then trained on a generated
admissions-like data set.
"""

import numpy as np
import pytest

from grader.core.compare import assert_close, assert_scalar_close, case, fail, kind_of, numbers
from grader.course import datasets
from grader.feedback import LearnerProblem
from grader.i18n import N_, _

# The course's admissions notebook trains for 1000 epochs; on the generated data 200 epochs at
# learnrate 0.5 bring weights that point the wrong way to within two held-out applicants of the
# accuracy of 1000 epochs (in 300 generated tables), at a fifth of the learner's time.
ADMISSIONS_EPOCHS, ADMISSIONS_LEARNRATE = 200, 0.5
ADMISSIONS_SECONDS = 20  # a loop over the records needs about 0.3 s on a loaded machine


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


def _floats(*values):
    return tuple(np.asarray(value, dtype=float) for value in values)


def _matcher(known):
    """A diagnose function: the message of the first known wrong value the answer equals."""
    def cause(actual):
        for value, message in known:
            value = np.asarray(value, dtype=float)
            if value.shape == actual.shape and np.allclose(actual, value, rtol=1e-6,
                                                           atol=1e-12):
                return message
        return None
    return cause


# --- sse and mse -------------------------------------------------------------------------------

def _sse(y, y_hat):
    y, y_hat = _floats(y, y_hat)
    return 0.5 * np.sum((y - y_hat) ** 2)


def _mse(y, y_hat):
    y, y_hat = _floats(y, y_hat)
    return np.sum((y - y_hat) ** 2) / (2 * len(y))


def _error_mistakes(y, y_hat):
    """The values of the usual wrong formulas for one input, with their causes."""
    y, y_hat = _floats(y, y_hat)
    squares = (y - y_hat) ** 2
    m, size = len(y), squares.size
    total = np.sum(squares)
    sse = (
        (total, _("the 1/2 is missing (your value is exactly twice the course's): the course's "
                  "SSE is 0.5 * sum((y - y_hat)**2).")),
        (0.5 * np.mean(squares), _("a mean where the task says sum: the SSE adds up every "
                                   "squared difference, 0.5 * np.sum((y - y_hat)**2).")),
        (np.mean(squares), _("a mean where the task says sum, and without the 1/2: the SSE is "
                             "0.5 * np.sum((y - y_hat)**2).")),
        (0.5 * np.sum(np.abs(y - y_hat)), _("the differences are not squared: "
                                            "0.5 * np.sum((y - y_hat)**2).")),
        (0.5 * np.sum(y - y_hat) ** 2, _("the sum is squared, not each difference: square "
                                         "first, then add up, 0.5 * np.sum((y - y_hat)**2).")),
        (np.sqrt(total), _("a square root: the SSE has none, 0.5 * np.sum((y - y_hat)**2).")),
        (total / (2 * m), _("that is the MSE (divided by the number of records); the SSE is not "
                            "divided.")),
    )
    mse = (
        (total / m, _("the 1/2 is missing (your value is exactly twice the course's): the "
                      "course's MSE is np.sum((y - y_hat)**2) / (2 * m).")),
        (total / (2 * size), _("you divided by the number of numbers (m * k, what np.mean does "
                               "on a 2-D array); the course divides by 2 * m, with m = len(y) the "
                               "number of records.")),
        (total / size, _("you divided by the number of numbers (np.mean over a 2-D array), and "
                         "the 1/2 is missing: np.sum((y - y_hat)**2) / (2 * m), m = len(y).")),
        (total / 2, _("that is the SSE: the MSE divides it by m, the number of records: "
                      "np.sum((y - y_hat)**2) / (2 * m).")),
        (total, _("the sum of squares is not divided at all: "
                  "np.sum((y - y_hat)**2) / (2 * m).")),
        (total / (2 * m * m), _("you divided by m twice: np.sum((y - y_hat)**2) / (2 * m).")),
        (np.sqrt(total / m), _("a square root (that is the RMSE): the MSE has none.")),
        (np.sum(np.abs(y - y_hat)) / (2 * m), _("the differences are not squared: "
                                                "np.sum((y - y_hat)**2) / (2 * m).")),
        (np.sum(y - y_hat) ** 2 / (2 * m), _("the sum is squared, not each difference: square "
                                             "first, then add up.")),
        (total * m / 2, _("you multiplied by m instead of dividing: "
                          "np.sum((y - y_hat)**2) / (2 * m).")),
    )
    return sse, mse


def _error_cause(function, y, y_hat):
    sse, mse = _error_mistakes(y, y_hat)
    known = sse if function == "sse" else mse
    matcher = _matcher(known)

    def cause(actual):
        found = matcher(actual)
        if found is None and actual.ndim == 0 and actual < 0:
            return _("a squared error is never negative: square each difference, "
                     "(y - y_hat)**2.")
        return found
    return cause


def check_error(submission, function, y, y_hat, shown):
    right = _sse(y, y_hat) if function == "sse" else _mse(y, y_hat)
    with case(shown):
        actual = getattr(submission, function)(y, y_hat)
        if isinstance(actual, np.ndarray) and actual.ndim == 1 and np.ndim(y) == 2 \
                and actual.size == np.shape(y)[1]:
            fail(_("{what} returned one number per column ({kind}); it should return one "
                   "number for all of them.").format(what=shown, kind=kind_of(actual)),
                 actual=actual,
                 cause=_("np.sum(..., axis=0) or a loop over the records only: sum over every "
                         "element, np.sum((y - y_hat)**2)."))
        assert_scalar_close(actual, right, what=shown,
                            diagnose=_error_cause(function, y, y_hat))


SSE_Y, SSE_Y_HAT = [1.0, 0.0, 1.0, 1.0], [0.8, 0.3, 0.6, 0.9]
SSE_2D_Y = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
SSE_2D_Y_HAT = np.array([[0.7, 0.2], [0.1, 0.6], [0.9, 0.5]])


def _array_text(value):
    return f"np.array({np.asarray(value).tolist()})"


@pytest.mark.points(1)
@pytest.mark.hint(1)
@pytest.mark.twin("test_sse_random")
def test_sse_examples(submission):
    """sse of four predictions, and of a 3 x 2 array"""
    check_error(submission, "sse", SSE_Y, SSE_Y_HAT, f"sse({SSE_Y}, {SSE_Y_HAT})")
    check_error(submission, "sse", SSE_2D_Y, SSE_2D_Y_HAT,
                f"sse({_array_text(SSE_2D_Y)}, {_array_text(SSE_2D_Y_HAT)})")


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(1)
def test_sse_random(submission, rng):
    """sse of random lists and arrays"""
    for shape in ((6,), (9,), (5, 3)):
        y, y_hat = rng.normal(0.0, 1.0, shape), rng.normal(0.0, 1.0, shape)
        check_error(submission, "sse", y, y_hat,
                    _("sse of random arrays of shape {shape}").format(shape=shape))
    y = [round(float(v), 3) for v in rng.uniform(0.0, 1.0, 7)]
    y_hat = [round(float(v), 3) for v in rng.uniform(0.0, 1.0, 7)]
    check_error(submission, "sse", y, y_hat,
                _("sse of two random lists of {n} numbers").format(n=len(y)))
    check_error(submission, "sse", y, y, _("sse of a list and itself (0)"))


@pytest.mark.points(1)
@pytest.mark.hint(1)
@pytest.mark.twin("test_mse_random")
def test_mse_examples(submission):
    """mse of four predictions, and of 3 records of 2 outputs (m = 3)"""
    check_error(submission, "mse", SSE_Y, SSE_Y_HAT, f"mse({SSE_Y}, {SSE_Y_HAT})")
    check_error(submission, "mse", SSE_2D_Y, SSE_2D_Y_HAT,
                f"mse({_array_text(SSE_2D_Y)}, {_array_text(SSE_2D_Y_HAT)})")


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(1)
def test_mse_random(submission, rng):
    """mse of random lists and arrays, 1-D and 2-D"""
    for shape in ((6,), (10,), (4, 3), (7, 2)):
        y, y_hat = rng.normal(0.0, 1.0, shape), rng.normal(0.0, 1.0, shape)
        check_error(submission, "mse", y, y_hat,
                    _("mse of random arrays of shape {shape}").format(shape=shape))
    y = [round(float(v), 3) for v in rng.uniform(0.0, 1.0, 5)]
    y_hat = [round(float(v), 3) for v in rng.uniform(0.0, 1.0, 5)]
    check_error(submission, "mse", y, y_hat,
                _("mse of two random lists of {n} numbers").format(n=len(y)))


# --- train_epoch -------------------------------------------------------------------------------

def _epoch(features, targets, weights, learnrate, *, prime="output", per_record=False,
           divide=1, sign=1.0, overwrite=False, activation=True, step_only=False):
    """One epoch of the course's batch gradient descent, or one of its mistakes when a keyword
    is set."""
    X, y, w = _floats(features, targets, weights)
    if per_record:
        for x, target in zip(X, y, strict=True):
            w = w + learnrate * _terms(x[None], target, w, prime, sign, activation)[0] \
                / len(X) ** divide
        return w
    terms = _terms(X, y, w, prime, sign, activation)
    del_w = terms[-1] if overwrite else terms.sum(axis=0)
    step = learnrate * del_w / len(X) ** divide
    return step if step_only else w + step


def _terms(X, y, w, prime, sign, activation):
    """Each record's error_term * x, as rows."""
    h = X @ w
    output = _sigmoid(h) if activation else h
    derivative = {"output": output * (1 - output), "none": 1.0,
                  "twice": _sigmoid(output) * (1 - _sigmoid(output))}[prime]
    return (sign * (y - output) * derivative)[:, None] * X


def _epoch_mistakes(features, targets, weights, learnrate):
    args = (features, targets, weights, learnrate)
    return (
        (_epoch(*args, divide=2),
         _("del_w is divided by n_records twice (once in the loop or by a mean, once in the "
           "update): divide it once, weights + learnrate * del_w / n_records.")),
        (_epoch(*args, divide=0),
         _("del_w is not divided by the number of records: the step is "
           "learnrate * del_w / n_records.")),
        (_epoch(*args, sign=-1.0),
         _("the sign is flipped: the error is y - output, and the weights move by "
           "+ learnrate * del_w / n_records.")),
        (_epoch(*args, prime="none"),
         _("the error term is missing the sigmoid's derivative: error_term = (y - output) * "
           "output * (1 - output). (Without it, that is the log-loss's gradient.)")),
        (_epoch(*args, prime="twice"),
         _("the sigmoid's derivative is taken of the output, as if it were an input: output is "
           "already sigmoid(h), so the derivative is output * (1 - output).")),
        (_epoch(*args, per_record=True),
         _("the weights change after every record: batch gradient descent adds up del_w over "
           "all records with the same weights, and updates them once, after the loop.")),
        (_epoch(features, targets, weights, 1.0),
         _("learnrate is ignored: the step is learnrate * del_w / n_records.")),
        (_epoch(*args, overwrite=True),
         _("only the last record counts: del_w = ... replaces the sum; add each record's term, "
           "del_w += error_term * x.")),
        (_epoch(*args, activation=False),
         _("the sigmoid is missing: output = sigmoid(x @ weights).")),
        (_epoch(*args, step_only=True),
         _("you returned the step, learnrate * del_w / n_records; return the new weights, "
           "weights + that step.")),
        (np.asarray(weights, dtype=float),
         _("the weights did not change: return weights + learnrate * del_w / n_records (or "
           "update weights and return it).")),
    )


def _new_weights(result, what):
    if result is None:
        fail(_("{what} returned None. Did you forget `return weights`? (Updating the weights "
               "in place is fine, but return them too.)").format(what=what))
    return numbers(result, what)


def check_epoch(submission, features, targets, weights, learnrate, shown):
    expected = _epoch(features, targets, weights, learnrate)
    with case(shown):
        actual = _new_weights(
            submission.train_epoch(features, targets, weights.copy(), learnrate), "train_epoch")
        if actual.shape != expected.shape and actual.size == expected.size:
            fail(_("train_epoch returned weights of shape {shape}; they should keep the shape "
                   "of the weights given, {expected}.").format(shape=actual.shape,
                                                                expected=expected.shape),
                 actual=actual,
                 cause=_("a matrix product that turned the weights into a row or a column: use "
                         "np.dot(x, weights) for one record, and add error_term * x to "
                         "del_w."))
        assert_close(actual, expected, what=_("The weight vector train_epoch returns"),
                     diagnose=_matcher(_epoch_mistakes(features, targets, weights, learnrate)))


EPOCH_FEATURES = np.array([[0.1, 0.3, -0.2], [0.5, -0.4, 0.8], [-0.7, 0.2, 0.6],
                           [0.9, 0.6, -0.5]])
EPOCH_TARGETS = np.array([0.0, 1.0, 1.0, 0.0])
EPOCH_WEIGHTS = np.array([-0.8, 0.5, 0.3])
EPOCH_LEARNRATE = 0.5


@pytest.mark.points(1)
@pytest.mark.hint(2)
@pytest.mark.twin("test_train_epoch_random")
def test_train_epoch_example(submission):
    """train_epoch: one epoch on four records"""
    check_epoch(submission, EPOCH_FEATURES, EPOCH_TARGETS, EPOCH_WEIGHTS, EPOCH_LEARNRATE,
                f"train_epoch({_array_text(EPOCH_FEATURES)}, {_array_text(EPOCH_TARGETS)}, "
                f"{_array_text(EPOCH_WEIGHTS)}, {EPOCH_LEARNRATE})")


@pytest.mark.points(2)
@pytest.mark.hidden
@pytest.mark.hint(2)
def test_train_epoch_random(submission, rng):
    """train_epoch on random records and weights"""
    for n_records, n_features in ((1, 2), (5, 3), (12, 4)):
        features = rng.normal(0.0, 1.0, (n_records, n_features))
        targets = rng.integers(0, 2, n_records).astype(float)
        weights = rng.normal(0.0, 1.0, n_features)
        learnrate = float(rng.uniform(0.1, 1.0))
        check_epoch(submission, features, targets, weights, learnrate,
                    _("train_epoch on {n} random records with {features} features").format(
                        n=n_records, features=n_features))


# --- train -------------------------------------------------------------------------------------

def _train(features, targets, weights, epochs, learnrate, step=_epoch):
    """The course's train, with `step` as its train_epoch; returns (weights, losses, starts)
    where starts[e] are the weights before epoch e."""
    X, y = _floats(features, targets)
    weights = np.asarray(weights, dtype=float)
    losses, starts = [], []
    for _count in range(epochs):
        starts.append(weights)
        weights = np.asarray(step(X, y, weights, learnrate), dtype=float)
        losses.append(_mse(y, _sigmoid(X @ weights)))
    return weights, np.array(losses), starts


def _loss_mistakes(features, targets, weights, epochs, learnrate):
    X, y = _floats(features, targets)
    final, losses, starts = _train(X, y, weights, epochs, learnrate)
    ends = [*starts[1:], final]
    m = len(y)

    def per_epoch(loss):
        return np.array([loss(w) for w in ends])

    first = _epoch(X, y, weights, learnrate)
    return (
        (per_epoch(lambda w: 2 * _mse(y, _sigmoid(X @ w))),
         _("each loss is twice the course's MSE: the MSE carries a 1/2, "
           "np.sum((y - y_hat)**2) / (2 * m). Use your mse for the losses.")),
        (per_epoch(lambda w: _sse(y, _sigmoid(X @ w))),
         _("the losses are the SSE: the MSE also divides by m, the number of records.")),
        (per_epoch(lambda w: _mse(y, X @ w)),
         _("the losses use features @ weights without the sigmoid: the outputs are "
           "sigmoid(features @ weights).")),
        (np.array([_mse(y, _sigmoid(X @ w)) for w in starts]),
         _("each loss is measured before its epoch: run train_epoch first, then record the MSE "
           "of the new weights.")),
        (np.full(epochs, _mse(y, _sigmoid(X @ first))),
         _("every epoch starts again from the weights given: keep what train_epoch returns, "
           "weights = train_epoch(features, targets, weights, learnrate).")),
        (np.array([_mse(y, _sigmoid(X @ w)) for w in [*starts, final]]),
         _("you recorded {recorded} losses, the starting one too: record one loss after each "
           "epoch, {epochs} in all.").format(recorded=epochs + 1, epochs=epochs)),
        (losses[:1], _("only one epoch ran: is `return` inside the epochs loop?")),
        (losses * m, _("the losses are not divided by the number of records m.")),
    )


def _learner_epoch(submission):
    """The learner's own train_epoch, for a replay of train with it."""
    def step(X, y, weights, learnrate):
        return _new_weights(submission.train_epoch(X, y, weights.copy(), learnrate),
                            "train_epoch")
    return step


def _follows_own_epoch(submission, features, targets, weights, epochs, learnrate, actual,
                       which):
    """True when train's answer is what the learner's train_epoch, itself wrong, leads to."""
    try:
        theirs = _train(features, targets, weights, epochs, learnrate,
                        step=_learner_epoch(submission))
    except (LearnerProblem, AssertionError, ValueError):
        return False
    right = _train(features, targets, weights, epochs, learnrate)
    mine = theirs[0] if which == "weights" else theirs[1]
    return mine.shape == actual.shape and np.allclose(actual, mine, rtol=1e-6, atol=1e-12) \
        and not np.allclose(theirs[0], right[0], rtol=1e-6, atol=1e-12)


TWO_VALUES = N_("train returned {kind}; it should return two values: weights, losses.")
FOLLOWS = N_("train follows your train_epoch, which is not right yet: fix train_epoch first "
             "(see its tests).")


def check_train(submission, features, targets, weights, epochs, learnrate, shown, chart=None):
    final, losses, _starts = _train(features, targets, weights, epochs, learnrate)
    with case(shown):
        result = submission.train(features, targets, weights.copy(), epochs, learnrate)
        if result is None:
            fail(_("train returned None. Did you forget `return weights, losses`?"))
        if not isinstance(result, (tuple, list)) or len(result) != 2:
            fail(_(TWO_VALUES).format(kind=kind_of(result)), actual=result)
        new_weights = numbers(result[0], _("train (its weights)"))
        new_losses = numbers(result[1], _("train (its losses)"))
        if new_losses.ndim != 1:
            fail(_("train returned losses of shape {shape}; losses is a list with one number "
                   "per epoch, {epochs} in all.").format(shape=new_losses.shape, epochs=epochs),
                 actual=result[1])
        if chart is not None:
            draw_training(chart, features, targets, final, losses, new_weights, new_losses)

        def weights_cause(actual):
            if _follows_own_epoch(submission, features, targets, weights, epochs, learnrate,
                                  actual, "weights"):
                return _(FOLLOWS)
            if np.allclose(actual, _epoch(features, targets, weights, learnrate)):
                if new_losses.size == 1:
                    return _("only one epoch ran: is `return` inside the epochs loop?")
                return _("these are the weights after one epoch: every epoch starts again from "
                         "the weights given. Keep what train_epoch returns, weights = "
                         "train_epoch(features, targets, weights, learnrate).")
            return None

        loss_known = _matcher(_loss_mistakes(features, targets, weights, epochs, learnrate))

        def losses_cause(actual):
            found = loss_known(actual)
            if found is None and _follows_own_epoch(submission, features, targets, weights,
                                                    epochs, learnrate, actual, "losses"):
                return _(FOLLOWS)
            return found

        assert_close(new_weights, final, what=_("The weight vector train returns"),
                     diagnose=weights_cause)
        if new_losses.shape != losses.shape:
            fail(_("train returned {n} losses; it should return one per epoch, {epochs} in "
                   "all.").format(n=new_losses.size, epochs=epochs),
                 actual=result[1], cause=losses_cause(new_losses))
        assert_close(new_losses, losses, what=_("The list of losses train returns"),
                     diagnose=losses_cause)


TRAIN_EPOCHS = 3
# The example the report draws: 16 records with two standardised features that a line through
# the origin separates (one sigmoid unit has no bias, so its boundary x @ weights = 0 passes
# through the origin), and starting weights that misjudge half of them. 50 epochs turn the line
# until it separates them all.
LINE_FEATURES = np.array([
    [-0.45, -0.22], [-2.02, -0.23], [-0.87, 3.32], [-0.28, -0.67], [-1.06, -0.39], [0.96, -0.2],
    [0.02, 1.55], [1.94, -0.27], [-0.24, 1.0], [-0.89, -0.29], [0.88, 0.58], [0.09, 0.67],
    [-2.83, 1.02], [-0.96, -1.67], [0.28, 0.7], [-0.44, -1.08]])
LINE_TARGETS = np.array([0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 0.0, 1.0, 1.0, 0.0, 0.0,
                         1.0, 0.0])
LINE_WEIGHTS = np.array([-0.5, 0.5])
LINE_EPOCHS = 50


@pytest.mark.points(1)
@pytest.mark.hint(3)
@pytest.mark.twin("test_train_random")
def test_train_example(submission, chart):
    """train: 50 epochs on 16 records with two features, then three on the same four records"""
    check_train(submission, LINE_FEATURES, LINE_TARGETS, LINE_WEIGHTS, LINE_EPOCHS,
                EPOCH_LEARNRATE,
                f"train({_array_text(LINE_FEATURES)}, {_array_text(LINE_TARGETS)}, "
                f"{_array_text(LINE_WEIGHTS)}, {LINE_EPOCHS}, {EPOCH_LEARNRATE})", chart)
    check_train(submission, EPOCH_FEATURES, EPOCH_TARGETS, EPOCH_WEIGHTS, TRAIN_EPOCHS,
                EPOCH_LEARNRATE,
                f"train({_array_text(EPOCH_FEATURES)}, {_array_text(EPOCH_TARGETS)}, "
                f"{_array_text(EPOCH_WEIGHTS)}, {TRAIN_EPOCHS}, {EPOCH_LEARNRATE})")


def draw_training(chart, features, targets, final, losses, new_weights, new_losses):
    """The learner's loss after each epoch beside the course's, and both final boundary lines
    over the records, from the answer being graded: a visible example, so the course's values
    may show."""
    epochs = range(1, len(losses) + 1)
    chart("curve", _("The MSE after each epoch"), _("epochs"), "MSE",
          [("", "reference", list(zip(epochs, losses, strict=True))),
           ("", "learner", [(epoch, loss) for epoch, loss in enumerate(new_losses, start=1)])])
    X, y = _floats(features, targets)
    lines = [("", "reference", _line_ends(final))]
    if new_weights.shape == final.shape:
        lines.append(("", "learner", _line_ends(new_weights)))
    chart("plane", _("The boundary line after training, over the points"), "x1", "x2",
          [("y = 0", "data", X[y == 0]), ("y = 1", "data", X[y == 1]), *lines])


def _line_ends(weights):
    """Two far points of the line x @ weights = 0 through the origin, whichever way it runs;
    the chart cuts it to the points it shows."""
    length = float(np.hypot(*weights))
    if not np.isfinite(length) or length == 0:
        return []
    along = np.array([-weights[1], weights[0]]) / length
    return [-100.0 * along, 100.0 * along]


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(3)
def test_train_random(submission, rng):
    """train on random records, weights and epochs"""
    for n_records, n_features in ((6, 2), (10, 3)):
        features = rng.normal(0.0, 1.0, (n_records, n_features))
        targets = rng.integers(0, 2, n_records).astype(float)
        weights = rng.normal(0.0, 1.0, n_features)
        epochs = int(rng.integers(2, 9))
        learnrate = float(rng.uniform(0.1, 1.0))
        check_train(submission, features, targets, weights, epochs, learnrate,
                    _("train on {n} random records, {epochs} epochs").format(
                        n=n_records, epochs=epochs))


def _accuracy(features, targets, weights):
    return float(np.mean((_sigmoid(features @ weights) > 0.5) == targets))


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(4)
@pytest.mark.timeout(ADMISSIONS_SECONDS)
def test_train_admissions(submission, rng):
    """train on admissions-like data: the course's accuracy

    A seeded, generated admissions table (GRE, GPA and school rank, standardised -> admitted).
    Both trainings start from the same weights, chosen to point the wrong way (they misjudge
    most applicants), so that only a training that runs every epoch gets far. Since gradient
    descent draws nothing at random, a correct train ends at the reference's weights, and at its
    accuracy on the applicants held out; one applicant of slack covers rounding when an applicant
    sits on the boundary.
    """
    data = datasets.admissions(int(rng.integers(0, 2**31)))
    n_features = data.train_features.shape[1]
    helpful = data.train_features.T @ (data.train_targets - 0.5)
    start = -helpful / np.linalg.norm(helpful) + rng.normal(0.0, 0.2, n_features)
    final, _losses, _starts = _train(data.train_features, data.train_targets, start,
                                     ADMISSIONS_EPOCHS, ADMISSIONS_LEARNRATE)
    expected = _accuracy(data.val_features, data.val_targets, final)
    shown = _("train(features, targets, weights, {epochs}, {learnrate}) on {n} "
              "admissions-like records").format(epochs=ADMISSIONS_EPOCHS,
                                                learnrate=ADMISSIONS_LEARNRATE,
                                                n=len(data.train_targets))
    with case(shown):
        result = submission.train(data.train_features, data.train_targets, start.copy(),
                                  ADMISSIONS_EPOCHS, ADMISSIONS_LEARNRATE)
        if not isinstance(result, (tuple, list)) or len(result) != 2:
            fail(_(TWO_VALUES).format(kind=kind_of(result)))
        weights = numbers(result[0], _("train (its weights)"))
        if weights.size != n_features:
            fail(_("train returned {n} weights; there are {features} features.").format(
                n=weights.size, features=n_features))
        weights = weights.reshape(n_features)
        if not np.isfinite(weights).all():
            fail(_("After training, your weights contain nan or inf."))
        reached = _accuracy(data.val_features, data.val_targets, weights)
        held_out = len(data.val_targets)
        if reached < expected - 1.5 / held_out:
            fail(_("After training, your weights classify {reached:.0%} of the {n} applicants "
                   "held out correctly; the course's train reaches {expected:.0%} from the same "
                   "starting weights.").format(reached=reached, n=held_out, expected=expected),
                 cause=_("a train or train_epoch that fails its own tests above: fix those "
                         "first.") if not np.allclose(weights, final, rtol=1e-6) else None)
