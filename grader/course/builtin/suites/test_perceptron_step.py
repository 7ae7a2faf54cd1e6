"""Hidden suite: the perceptron trick (seed section 2, the perceptron algorithm)."""

import numpy as np
import pytest

from grader import i18n
from grader.core.compare import assert_close, case, fail, kind_of, numbers, show
from grader.feedback import LearnerProblem, Raised
from grader.i18n import _
from perceptron_step_mistakes import (
    COURSE_EPOCHS,
    COURSE_LEARN_RATE,
    lines_of,
    perceptron_step,
    replay,
    separates_anyway,
    start,
    step_mistake_runs,
    step_variants,
    train_lines,
    train_states,
    train_variants,
)

# A small data set in the style of the course's: label 1 above the line y = 1.1 - x.
COURSE_X = np.array([[0.2, 0.9], [0.8, 0.7], [0.4, 0.3], [0.9, 0.1], [0.1, 0.4], [0.6, 0.6],
                     [0.7, 0.2], [0.3, 0.95]])
COURSE_Y = np.array([1, 1, 0, 0, 0, 1, 0, 1])
COURSE_SEED = 12  # the course's np.random.seed(12)


def labelled_points(rng, n, margin=0.0, origin_label=None):
    """n points in the unit square, labelled by which side of a random line they lie on (the
    origin's side labelled `origin_label`, when it is given)."""
    while True:
        angle = rng.uniform(0.0, 2 * np.pi)
        normal = np.array([np.cos(angle), np.sin(angle)])
        center = rng.uniform(0.35, 0.65, 2)
        if origin_label is not None and int(-center @ normal > 0) != origin_label:
            normal = -normal
        X = rng.uniform(0.0, 1.0, (20 * n, 2))
        X = X[np.abs((X - center) @ normal) > margin / 2][:n]
        y = ((X - center) @ normal > 0).astype(int)
        if len(X) == n and 0 < y.sum() < n:
            return X, y


def seed_of(rng):
    return int(rng.integers(0, 2**31 - 1))


# ---------------------------------------------------------------------------------------------
# stepFunction and prediction


def one_number(value, what):
    array = numbers(value, what).ravel()
    if array.size != 1:
        fail(_("{what} returned {kind}; it should return one number, 0 or 1.").format(
            what=what, kind=kind_of(value)), actual=value)
    return array[0]


def check_steps(submission, values, shown):
    for t in values:
        expected = int(t >= 0)
        with case(shown(t)):
            actual = one_number(submission.stepFunction(t), shown(t))
            if actual != expected:
                cause = None
                if t == 0:
                    cause = _("stepFunction(0) must be 1: the step is 1 for t >= 0. "
                              "Use `if t >= 0:`, not `if t > 0:`.")
                elif actual == 1 - expected:
                    cause = _("0 and 1 are swapped: return 1 when t >= 0 and 0 otherwise.")
                fail(_("{call} is not {expected}.").format(call=shown(t), expected=expected),
                     detail=_("Expected {expected}, got {actual}.").format(
                         expected=expected, actual=show(actual)), expected=expected,
                     actual=actual, cause=cause)


@pytest.mark.points(1)
@pytest.mark.hint(1)
@pytest.mark.twin("test_step_function_random")
def test_step_function(submission):
    """stepFunction: 1 for t >= 0 (so stepFunction(0) is 1), 0 below"""
    check_steps(submission, (0, 0.0, 2.5, 1e-9, -0.5, -1e-9, -3), lambda t: f"stepFunction({t!r})")


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(1)
def test_step_function_random(submission, rng):
    """stepFunction on random numbers around 0"""
    values = [*rng.normal(0.0, 3.0, 4), *(rng.choice([-1, 1], 4) * 10.0 ** rng.uniform(-12, -3, 4)),
              *(int(t) for t in rng.integers(-5, 6, 3)), np.float64(0.0)]
    check_steps(submission, [values[i] for i in rng.permutation(len(values))],
                lambda t: _("stepFunction of a random number"))


def prediction_diagnose(points, W, b):
    scores = points @ W.ravel()
    known = (
        ((scores + b < 0).astype(int), _("0 and 1 are swapped: the prediction is 1 when "
                                          "X @ W + b >= 0.")),
        ((scores >= 0).astype(int), _("b is missing: the score is np.matmul(X, W) + b.")),
        ((scores - b >= 0).astype(int), _("b is subtracted: the score is np.matmul(X, W) + b.")),
        ((scores + b > 0).astype(int),
         _("a point exactly on the line (X @ W + b == 0) is predicted 1, because "
           "stepFunction(0) is 1.")),
        ((points @ W.ravel()[::-1] + b >= 0).astype(int),
         _("W[0] goes with X[0] and W[1] with X[1]: use np.matmul(X, W).")),
    )

    def cause(actual):
        for values, message in known:
            if actual.shape == values.shape and (actual == values).all():
                return message
        return None

    return cause


def check_predictions(submission, points, W, b, shown):
    """Predict each point with the learner's prediction, then compare them all at once."""
    points = np.asarray(points, dtype=float)
    expected = (points @ W.ravel() + b >= 0).astype(int)
    with case(shown):
        actual = [one_number(submission.prediction(x, W, b), "prediction") for x in points]
        assert_close(actual, expected, what=_("the predictions"), rtol=0.0, atol=0.0,
                     diagnose=prediction_diagnose(points, W, b))


@pytest.mark.points(1)
@pytest.mark.hint(2)
@pytest.mark.twin("test_prediction_random")
def test_prediction_course_points(submission):
    """prediction: points on either side of the line x1 + x2 - 1 = 0, and one on it"""
    points = [[0.9, 0.4], [0.2, 0.3], [0.5, 0.5], [0.1, 0.6]]
    check_predictions(submission, points, np.array([[1.0], [1.0]]), -1.0,
                      _("prediction(x, np.array([[1.0], [1.0]]), -1.0) for each x in "
                        "{points}").format(points=points))


def telling_prediction_case(rng):
    """Random points, W and b on which a prediction without b, with b subtracted or with W's
    entries swapped gets some point wrong: with a small b, it might not, whatever the seed."""
    for _attempt in range(200):
        points = rng.uniform(-1.0, 1.0, (8, 2))
        W = rng.normal(0.0, 1.0, (2, 1))
        b = float(rng.normal(0.0, 0.5))
        scores = points @ W.ravel()
        right = scores + b >= 0
        if all((wrong != right).any() for wrong in (
                scores >= 0, scores - b >= 0, points @ W.ravel()[::-1] + b >= 0)):
            return points, W, b
    raise AssertionError("no telling random case for prediction")


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(2)
def test_prediction_random(submission, rng):
    """prediction on random points, weights and biases"""
    for _round in range(3):
        points, W, b = telling_prediction_case(rng)
        check_predictions(submission, points, W, b,
                          _("prediction of {n} random points").format(n=len(points)))
    check_predictions(submission, [[0.25, 0.5], [0.5, 1.0]], np.array([[2.0], [-1.0]]), 0.0,
                      _("prediction of points exactly on the line"))


# ---------------------------------------------------------------------------------------------
# perceptronStep


def returned_pair(result, what):
    if result is None:
        fail(_("{what} returned None. Did you forget `return W, b`?").format(what=what))
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        fail(_("{what} returned {kind}; it should return two values: W, b.").format(
            what=what, kind=kind_of(result)), actual=result)
    return result


def step_cause(variants, W_seen, b_seen):
    """The likely cause of a wrong (W, b) from perceptronStep, when it is a known mistake."""
    if np.shape(W_seen) == (2, 2):
        return _("X[i] has shape (2,) and W has shape (2, 1), so W + learn_rate * X[i] is a "
                 "(2, 2) array. Change W[0] and W[1] one at a time, as the course does, or use "
                 "X[i].reshape(2, 1).")
    if np.size(W_seen) != 2 or np.size(b_seen) != 1:
        return None
    for message, W_wrong, b_wrong in variants:
        if np.allclose(np.ravel(W_seen), W_wrong.ravel(), rtol=1e-6, atol=1e-9) and \
                np.isclose(np.ravel(b_seen)[0], b_wrong, rtol=1e-6, atol=1e-9):
            return message
    return None


def check_step(submission, reference, X, y, W, b, learn_rate, shown):
    """Call the learner's perceptronStep and compare the W and b it returns with the course's."""
    args = (X, y, W.copy(), b) if learn_rate is None else (X, y, W.copy(), b, learn_rate)
    rate = COURSE_LEARN_RATE if learn_rate is None else learn_rate
    expected_W, expected_b = reference.perceptronStep(X.copy(), y, W.copy(), b, rate)
    with case(shown):
        try:
            result = submission.perceptronStep(*args)
        except Raised as error:
            if error.type_name == "ValueError" and "broadcast" in error.message:
                fail(error.message, cause=_(
                    "X[i] has shape (2,) and W has shape (2, 1): W += learn_rate * X[i] cannot "
                    "fit a (2, 2) result into W. Change W[0] and W[1] one at a time, as the "
                    "course does, or use X[i].reshape(2, 1)."))
            raise
        W_new, b_new = returned_pair(result, "perceptronStep")
        W_array = numbers(W_new, _("perceptronStep (its W)"))
        b_array = numbers(b_new, _("perceptronStep (its b)"))
        if b_array.size != 1:
            fail(_("perceptronStep returned b as {kind}; b is one number.").format(
                kind=kind_of(b_new)), actual=b_new)
        variants = list(step_variants(X, y, W, b, rate))
        assert_close(W_array, expected_W, what=_("The W that perceptronStep returns"),
                     diagnose=lambda actual: step_cause(variants, actual, b_array))
        assert_close(b_array.ravel()[0], expected_b, what=_("The b that perceptronStep returns"),
                     diagnose=lambda actual: step_cause(variants, W_array, actual))


@pytest.mark.points(1)
@pytest.mark.hint(3)
@pytest.mark.twin("test_step_random")
def test_step_course_defaults(submission, reference):
    """perceptronStep on a small data set, with the default learn_rate of 0.01"""
    W = np.array([[0.3], [-0.2]])
    check_step(submission, reference, COURSE_X, COURSE_Y, W, 0.05, None,
               _("perceptronStep(X, y, np.array([[0.3], [-0.2]]), 0.05) with X = {X} and "
                 "y = {y}").format(X=COURSE_X.tolist(), y=COURSE_Y.tolist()))


@pytest.mark.points(1)
@pytest.mark.hint(3)
@pytest.mark.twin("test_step_random")
def test_step_one_point_at_a_time(submission, reference):
    """perceptronStep moves the line after each misclassified point, not once for all of them"""
    W = np.array([[-0.4], [0.5]])
    check_step(submission, reference, COURSE_X, COURSE_Y, W, 0.1, 0.5,
               _("perceptronStep(X, y, np.array([[-0.4], [0.5]]), 0.1, learn_rate=0.5) with "
                 "X = {X} and y = {y}").format(X=COURSE_X.tolist(), y=COURSE_Y.tolist()))


def telling_step_case(rng, learn_rate=None):
    """Random inputs on which every known perceptronStep mistake gives a different answer."""
    for _attempt in range(200):
        X, y = labelled_points(rng, int(rng.integers(8, 15)))
        W = rng.normal(0.0, 1.0, (2, 1))
        b = float(rng.normal(0.0, 0.5))
        learn_rate = float(rng.uniform(0.1, 0.6)) if learn_rate is None else learn_rate
        right_W, right_b = perceptron_step(X, y, W, b, learn_rate)
        if all(not (np.allclose(W_wrong, right_W, atol=1e-6)
                    and np.isclose(b_wrong, right_b, atol=1e-6))
               for _cause, W_wrong, b_wrong in step_variants(X, y, W, b, learn_rate)):
            return X, y, W, b, learn_rate
    raise AssertionError("no telling random case for perceptronStep")


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(3)
def test_step_random(submission, reference, rng):
    """perceptronStep on random data, with and without learn_rate"""
    for _round in range(3):
        X, y, W, b, learn_rate = telling_step_case(rng)
        check_step(submission, reference, X, y, W, b, learn_rate,
                   _("perceptronStep on {n} random points").format(n=len(X)))
    X, y, W, b, _rate = telling_step_case(rng, COURSE_LEARN_RATE)
    check_step(submission, reference, X, y, W, b, None,
               _("perceptronStep on {n} random points, with the default learn_rate").format(
                   n=len(X)))


# ---------------------------------------------------------------------------------------------
# trainPerceptronAlgorithm


def _scalar_array(value):
    return isinstance(value, np.ndarray) and value.ndim == 0


def _one_number(value):
    try:
        return np.asarray(value, dtype=float).size == 1
    except (ValueError, TypeError, OverflowError):
        return False


def lines_array(lines, what):
    """The learner's boundary lines as an (n, 2) array of (slope, intercept)."""
    if lines is None:
        fail(_("{what} returned None. Did you forget `return boundary_lines`?").format(
            what=what))
    if not isinstance(lines, (list, tuple, np.ndarray)) or _scalar_array(lines):
        fail(_("{what} returned {kind}; it should return the list of boundary lines, one "
               "(slope, intercept) pair per epoch.").format(what=what, kind=kind_of(lines)),
             actual=lines)
    rows = []
    for number, line in enumerate(lines, start=1):
        if not isinstance(line, (list, tuple, np.ndarray)) or _scalar_array(line) \
                or len(line) != 2:
            looks_like_one_line = len(lines) == 2 and all(_one_number(part) for part in lines)
            fail(_("Line {number} that {what} returned is {kind}; each line must be a pair "
                   "(slope, intercept) = (-W[0]/W[1], -b/W[1]).").format(
                number=number, what=what, kind=kind_of(line)), actual=lines,
                 cause=_("you returned only one line. Append each epoch's line to a list, "
                         "boundary_lines, and return the list.") if looks_like_one_line else None)
        pair = [numbers(part, _("line {number}'s slope and intercept").format(number=number))
                .ravel() for part in line]
        if any(part.size != 1 for part in pair):
            fail(_("Line {number} that {what} returned does not hold two numbers: {line}.").format(
                number=number, what=what, line=show(line)),
                 cause=_("each line is (-W[0]/W[1], -b/W[1]): keep W of shape (2, 1) and b one "
                         "number, and each part of the line is one number."))
        rows.append([pair[0][0], pair[1][0]])
    return np.array(rows, dtype=float).reshape(-1, 2)


def compare_lines(actual, expected, what, num_epochs, diagnose):
    if len(actual) != len(expected):
        cause = None
        if len(actual) == 1:
            cause = _("is `return` inside the for loop? Return after all the epochs.")
        elif len(actual) == num_epochs + 1:
            cause = _("you also recorded the starting line: append one line after each epoch.")
        fail(_("{what} returned {n} lines; it should return one line per epoch, {epochs} in "
               "all.").format(what=what, n=len(actual), epochs=num_epochs), cause=cause)
    close = np.isclose(actual, expected, rtol=1e-6, atol=1e-8).all(axis=1)
    if close.all():
        return
    first = int(np.argmin(close))
    if first == 0:
        summary = _("{what}: already the first line (after epoch 1) differs from the course's "
                    "lines under the same random seed.").format(what=what)
    else:
        summary = _("{what}: the first {first} lines match, but line {line} (after epoch "
                    "{line}) differs from the course's lines under the same random seed.").format(
            what=what, first=first, line=first + 1)
    cause = diagnose(actual)
    slopes = np.isclose(actual[:, 0], expected[:, 0], rtol=1e-6, atol=1e-8).all()
    intercepts = np.isclose(actual[:, 1], expected[:, 1], rtol=1e-6, atol=1e-8).all()
    if cause is None and slopes and not intercepts:
        cause = _("every slope is right, but the intercepts are not: the intercept is -b/W[1].")
    if cause is None and intercepts and not slopes:
        cause = _("every intercept is right, but the slopes are not: the slope is -W[0]/W[1].")
    if cause is None and not np.isfinite(actual).all():
        cause = _("W[1] became 0, so -W[0]/W[1] is infinite: are W and b updated as the course "
                  "does?")
    fail(summary,
         detail=_("Line {line}: expected (slope, intercept) = ({slope}, {intercept}), got "
                  "({your_slope}, {your_intercept}).").format(
             line=first + 1, slope=show(expected[first, 0]), intercept=show(expected[first, 1]),
             your_slope=show(actual[first, 0]), your_intercept=show(actual[first, 1])),
         expected=expected, actual=actual, cause=cause)


def train_diagnose(submission, X, y, seed, learn_rate, num_epochs):
    """Known mistakes, then 'the loop is right but your perceptronStep is not'."""
    variants = list(train_variants(X, y, seed, learn_rate, num_epochs))

    def learner_step(X_, y_, W, b, rate):
        W_new, b_new = returned_pair(submission.perceptronStep(X_, y_, W, b, rate),
                                     "perceptronStep")
        return numbers(W_new, "W").reshape(2, 1), numbers(b_new, "b").ravel()[0]

    def cause(actual):
        for message, lines in variants:
            if lines.shape == actual.shape and np.allclose(actual, lines, rtol=1e-6, atol=1e-8):
                return message
        try:
            W, b = start(X, seed)
            lines = lines_of(train_states(X, y, W, b, learn_rate, num_epochs, learner_step))
        except (LearnerProblem, AssertionError, ValueError, IndexError):
            return None
        right = train_lines(X, y, seed, learn_rate, num_epochs)
        if lines.shape == actual.shape and np.allclose(actual, lines, rtol=1e-6, atol=1e-8) \
                and not np.allclose(lines, right, rtol=1e-6, atol=1e-8):
            return _("your training loop is right, but the lines follow your perceptronStep, "
                     "which is not: fix perceptronStep first (see its tests).")
        return None

    return cause


def draw_lines(chart, title, X, y, lines, role):
    """The points and the boundary line after each epoch, as the course's figure shows them."""
    ends = [[(-10.0, intercept - 10.0 * slope), (10.0, intercept + 10.0 * slope)]
            for slope, intercept in lines]
    chart("plane", title, "x1", "x2",
          [("y = 0", "data", X[y == 0]), ("y = 1", "data", X[y == 1]), ("", role, ends)])


def run_train(submission, learner, X, y, seed, *args):
    learner.seed_numpy(seed)
    what = "trainPerceptronAlgorithm"
    return lines_array(submission.trainPerceptronAlgorithm(X, y, *args), what)


@pytest.mark.points(1)
@pytest.mark.hint(4)
@pytest.mark.twin("test_train_random")
def test_train_course_defaults(submission, reference, learner, chart):
    """trainPerceptronAlgorithm with the defaults, after np.random.seed(12)"""
    with case(_("np.random.seed(12); trainPerceptronAlgorithm(X, y) with X = {X} and "
                "y = {y}").format(X=COURSE_X.tolist(), y=COURSE_Y.tolist())):
        actual = run_train(submission, learner, COURSE_X, COURSE_Y, COURSE_SEED)
        np.random.seed(COURSE_SEED)
        expected = lines_array(reference.trainPerceptronAlgorithm(COURSE_X, COURSE_Y), "")
        draw_lines(chart, i18n.gettext("Your boundary line after each epoch"), COURSE_X,
                   COURSE_Y, actual, "learner")
        draw_lines(chart, i18n.gettext("The course's boundary line after each epoch"),
                   COURSE_X, COURSE_Y, expected, "reference")
        known = train_diagnose(submission, COURSE_X, COURSE_Y, COURSE_SEED, COURSE_LEARN_RATE,
                               COURSE_EPOCHS)

        def diagnose(lines):
            cause = known(lines)
            if cause is not None:
                return cause
            explicit = run_train(submission, learner, COURSE_X, COURSE_Y, COURSE_SEED,
                                 COURSE_LEARN_RATE, COURSE_EPOCHS)
            if explicit.shape == expected.shape and np.allclose(explicit, expected):
                return _("with learn_rate=0.01 and num_epochs=25 passed in, your lines are "
                         "right: the defaults in your `def` line differ from the course's "
                         "(learn_rate = 0.01, num_epochs = 25).")
            return None

        if len(actual) != COURSE_EPOCHS:
            explicit = run_train(submission, learner, COURSE_X, COURSE_Y, COURSE_SEED,
                                 COURSE_LEARN_RATE, COURSE_EPOCHS)
            if len(explicit) == COURSE_EPOCHS:
                fail(_("trainPerceptronAlgorithm(X, y) returned {n} lines; with the default "
                       "num_epochs = {epochs} it should return {epochs}.").format(
                    n=len(actual), epochs=COURSE_EPOCHS),
                     cause=_("the default num_epochs in your `def` line is not the course's 25."))
        compare_lines(actual, expected, "trainPerceptronAlgorithm(X, y)", COURSE_EPOCHS,
                      diagnose)


def telling_train_case(rng, defaults):
    """Random data, seed, learning rate and epochs on which training with each known
    perceptronStep mistake draws other lines than the course's: a loop that skips the last
    point, for one, changes nothing while that point happens to be classified right."""
    for _attempt in range(100):
        X, y = labelled_points(rng, int(rng.integers(10, 30)))
        seed = seed_of(rng)
        learn_rate, num_epochs = COURSE_LEARN_RATE, COURSE_EPOCHS
        if not defaults:
            learn_rate = float(rng.choice([0.005, 0.02, 0.05, 0.1]))
            num_epochs = int(rng.integers(5, 40))
        W, b = start(X, seed)
        right = lines_of(replay(X, y, W, b, learn_rate, num_epochs))
        if all(not np.allclose(lines_of(replay(X, y, W, b, rate, num_epochs, **options)), right,
                               rtol=1e-6, atol=1e-8, equal_nan=True)
               for _cause, rate, options in step_mistake_runs(learn_rate)):
            return X, y, seed, learn_rate, num_epochs
    raise AssertionError("no telling random case for trainPerceptronAlgorithm")


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(4)
def test_train_random(submission, reference, learner, rng):
    """trainPerceptronAlgorithm on random data, defaults too"""
    for defaults in (True, False, False):
        X, y, seed, learn_rate, num_epochs = telling_train_case(rng, defaults)
        with case(_("trainPerceptronAlgorithm on {n} random points with the defaults").format(
                n=len(X)) if defaults else _("trainPerceptronAlgorithm on {n} random points")
                .format(n=len(X))):
            arguments = () if defaults else (learn_rate, num_epochs)
            actual = run_train(submission, learner, X, y, seed, *arguments)
            np.random.seed(seed)
            expected = lines_array(
                reference.trainPerceptronAlgorithm(X, y, learn_rate, num_epochs), "")
            compare_lines(actual, expected, "trainPerceptronAlgorithm", num_epochs,
                          train_diagnose(submission, X, y, seed, learn_rate, num_epochs))


def misplaced(X, y, line):
    """How many points the line leaves on the wrong side, for the better of its two sides."""
    slope, intercept = line
    side = X[:, 1] - (slope * X[:, 0] + intercept)
    above = int((side[y == 1] <= 0).sum() + (side[y == 0] >= 0).sum())
    below = int((side[y == 1] >= 0).sum() + (side[y == 0] <= 0).sum())
    return min(above, below)


def separable_case(rng, candidates=12):
    """A separable data set and its seed, on which the course's training (at the default
    learn_rate) separates the classes within 100 epochs, and each known perceptronStep mistake
    fares as it does on most such data sets (the batch update still separates them, a bias that
    never moves does not), so that its grade does not hang on the draw. The origin's side is
    labelled 0, where a bias that starts positive and never moves cannot end."""
    best, best_agreeing = None, -1
    for _attempt in range(candidates):
        X, y = labelled_points(rng, 30, margin=0.1, origin_label=0)
        seed = seed_of(rng)
        learn_rate = COURSE_LEARN_RATE
        W, b = start(X, seed)
        if misplaced(X, y, lines_of(replay(X, y, W, b, learn_rate, 100))[-1]):
            continue
        runs = list(step_mistake_runs(learn_rate))
        agreeing = sum(
            (misplaced(X, y, lines_of(replay(X, y, W, b, rate, 100, **options))[-1]) == 0)
            == separates_anyway(rate, options) for _cause, rate, options in runs)
        if agreeing > best_agreeing:
            best, best_agreeing = (X, y, seed, learn_rate), agreeing
        if agreeing == len(runs):
            break
    if best is None:
        raise AssertionError("no separable random case for trainPerceptronAlgorithm")
    return best


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(3)
def test_train_separates(submission, learner, rng):
    """after training on a separable data set, the last line separates the two classes"""
    X, y, seed, learn_rate = separable_case(rng)
    with case(_("trainPerceptronAlgorithm on {n} separable points, {epochs} epochs").format(
            n=len(X), epochs=100)):
        actual = run_train(submission, learner, X, y, seed, learn_rate, 100)
        if len(actual) == 0:
            fail(_("trainPerceptronAlgorithm returned no lines."))
        wrong = misplaced(X, y, actual[-1])
        if wrong:
            fail(_("After {epochs} epochs on a data set that a line can separate, your last line "
                   "still leaves {wrong} of {n} points on the wrong side.").format(
                epochs=100, wrong=wrong, n=len(X)),
                 cause=train_diagnose(submission, X, y, seed, learn_rate, 100)(actual))
