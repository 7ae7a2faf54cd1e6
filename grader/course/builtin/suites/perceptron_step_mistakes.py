"""The perceptron trick re-enacted on the trusted side: right, and wrong in the usual ways.

The suite for `perceptron_step` compares a learner's `perceptronStep` and
`trainPerceptronAlgorithm` with these re-enactments to name the likely cause of a wrong answer.
Each mistake is a small change to the course's code (a flipped sign, a dropped term, a loop that
starts one point late, ...), so each has its own message. Nothing here runs learner code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np

from grader.i18n import _

COURSE_LEARN_RATE = 0.01
COURSE_EPOCHS = 25


def step(t: float) -> int:
    return 1 if t >= 0 else 0


def perceptron_step(X, y, W, b, learn_rate, *, batch=False, every_point=False, sign=1.0,
                    bias_sign=1.0, swap=False, only_first=False, visit=None):
    """The course's perceptronStep, or one of its mistakes when a keyword is set.

    Plain Python floats rather than NumPy: the suite replays whole trainings with every mistake
    to choose inputs that tell them apart, and that is thousands of steps per test."""
    points = [(float(x1), float(x2)) for x1, x2 in np.asarray(X, dtype=float)]
    labels = [int(label) for label in y]
    w1, w2 = (float(w) for w in np.ravel(W))
    b = float(b)
    frozen = [step(x1 * w1 + x2 * w2 + b) for x1, x2 in points]
    for i in (range(len(points)) if visit is None else visit(len(points))):
        x1, x2 = points[i]
        y_hat = frozen[i] if batch else step(x1 * w1 + x2 * w2 + b)
        direction = (1 if labels[i] == 1 else -1) if every_point else labels[i] - y_hat
        if direction == 0:
            continue
        if swap:
            x1, x2 = x2, x1
        w1 += sign * direction * learn_rate * x1
        if not only_first:
            w2 += sign * direction * learn_rate * x2
        b += bias_sign * sign * direction * learn_rate
    return np.array([[w1], [w2]]), b


def step_mistakes(learn_rate: float) -> list[tuple[str, dict]]:
    """(likely cause, how perceptron_step re-enacts it) for each known perceptronStep mistake."""
    mistakes = [
        (_("you updated W and b once from all the misclassified points together (a batch "
           "update). The perceptron trick goes through the points one at a time and predicts each "
           "one with the W and b as updated so far: call prediction(X[i], W, b) inside the loop."),
         {"batch": True}),
        (_("the signs are flipped. For a missed positive point (y = 1, prediction 0) ADD "
           "learn_rate * x to W and learn_rate to b; for a missed negative point subtract them."),
         {"sign": -1.0}),
        (_("W moves the wrong way: add learn_rate * x to W for a missed positive point "
           "(y = 1, prediction 0) and subtract it for a missed negative point."),
         {"sign": -1.0, "bias_sign": -1.0}),
        (_("b moves the wrong way: b += learn_rate for a missed positive point, "
           "b -= learn_rate for a missed negative point."),
         {"bias_sign": -1.0}),
        (_("learn_rate is ignored: every change to W and b must be multiplied by learn_rate "
           "(W[0] += X[i][0] * learn_rate, b += learn_rate)."),
         {"learn_rate": 1.0}),
        (_("you moved the line for every point. Only a misclassified point moves it: compare "
           "y[i] with the prediction first, and leave W and b alone when they agree."),
         {"every_point": True}),
        (_("b never changes. A misclassified point moves the bias too: b += learn_rate or "
           "b -= learn_rate."),
         {"bias_sign": 0.0}),
        (_("the coordinates are swapped: W[0] goes with X[i][0] and W[1] with X[i][1]."),
         {"swap": True}),
        (_("only W[0] changes: W[1] must move too, by X[i][1] * learn_rate."),
         {"only_first": True}),
        (_("the last point is never visited: loop over every point, for i in range(len(X))."),
         {"visit": lambda n: range(n - 1)}),
        (_("the first point is skipped: range(len(X)) starts at 0."),
         {"visit": lambda n: range(1, n)}),
    ]
    if not np.isclose(learn_rate, COURSE_LEARN_RATE):
        mistakes.append(
            (_("you used 0.01 instead of the learn_rate argument: use the parameter, not a "
               "number, so that callers can choose the rate."), {"learn_rate": COURSE_LEARN_RATE}))
    return mistakes


def step_mistake_runs(learn_rate: float) -> Iterator[tuple[str, float, dict]]:
    """(likely cause, the learning rate it steps with, perceptron_step's keywords) per mistake."""
    for cause, options in step_mistakes(learn_rate):
        options = dict(options)
        yield cause, options.pop("learn_rate", learn_rate), options


def separates_anyway(rate: float, options: dict) -> bool:
    """Whether training with this mistake (stepping at `rate`) still ends at a separating line
    on most separable data sets: the batch update, a learning rate of 1, a loop that skips one
    end point and a W[1] that never moves usually converge all the same."""
    return bool(options.get("batch") or options.get("only_first")) or "visit" in options \
        or rate == 1.0


def step_variants(X, y, W, b, learn_rate) -> Iterator[tuple[str, np.ndarray, float]]:
    """(likely cause, W, b) that each known mistake would return on these inputs."""
    for cause, rate, options in step_mistake_runs(learn_rate):
        W_wrong, b_wrong = perceptron_step(X, y, W, b, rate, **options)
        yield cause, W_wrong, b_wrong


def replay(X, y, W, b, learn_rate, num_epochs, **mistake) -> list[tuple[np.ndarray, float]]:
    """(W, b) after each epoch of training with the course's step or one of its mistakes. Once
    an epoch changes nothing, every later one repeats it, so the replay copies it to the end."""
    states: list[tuple[np.ndarray, float]] = []
    while len(states) < num_epochs:
        W_new, b_new = perceptron_step(X, y, W, b, learn_rate, **mistake)
        if states and np.array_equal(W_new, W) and b_new == b:
            return states + [states[-1]] * (num_epochs - len(states))
        W, b = W_new, b_new
        states.append((W, b))
    return states


def lines_of(states) -> np.ndarray:
    """The boundary lines (-W[0]/W[1], -b/W[1]) of a sequence of (W, b), as an (n, 2) array."""
    return np.array([[-W[0, 0] / W[1, 0], -b / W[1, 0]] for W, b in states]).reshape(-1, 2)


def start(X, seed: int, *, b_first=False, offset: str = "x_max"):
    """The course's starting W and b, drawn from NumPy's global state seeded with `seed`."""
    X = np.asarray(X, dtype=float)
    extra = {"x_max": X[:, 0].max(), "none": 0.0, "x_min": X[:, 0].min(),
             "y_max": X[:, 1].max()}[offset]
    state = np.random.RandomState(seed)
    if b_first:
        b = state.rand(1)[0] + extra
        W = state.rand(2, 1)
    else:
        W = state.rand(2, 1)
        b = state.rand(1)[0] + extra
    return W, b


def train_states(X, y, W, b, learn_rate, num_epochs, step_fn: Callable | None = None):
    """(W, b) after each epoch, stepping with the course's perceptronStep or `step_fn`."""
    states = []
    for _epoch in range(num_epochs):
        if step_fn is None:
            W, b = perceptron_step(X, y, W, b, learn_rate)
        else:
            W, b = step_fn(X, y, W, b, learn_rate)
        states.append((np.array(W, dtype=float).reshape(2, 1), float(np.ravel(b)[0])))
    return states


def train_lines(X, y, seed, learn_rate=COURSE_LEARN_RATE, num_epochs=COURSE_EPOCHS,
                **start_options):
    W, b = start(X, seed, **start_options)
    return lines_of(train_states(X, y, W, b, learn_rate, num_epochs))


def train_variants(X, y, seed, learn_rate, num_epochs) -> Iterator[tuple[str, np.ndarray]]:
    """(likely cause, lines) that each known trainPerceptronAlgorithm mistake would return."""
    yield (_("b is drawn before W. The course draws W = np.array(np.random.rand(2, 1)) first and "
             "then b = np.random.rand(1)[0] + x_max; in the other order both get different random "
             "numbers."), train_lines(X, y, seed, learn_rate, num_epochs, b_first=True))
    for offset in ("none", "x_min", "y_max"):
        yield (_("the starting bias is b = np.random.rand(1)[0] + x_max, where "
                 "x_max = max(X.T[0]) is the largest first coordinate."),
               train_lines(X, y, seed, learn_rate, num_epochs, offset=offset))
    if seed != 12:
        yield (_("your function seeds NumPy itself (np.random.seed(12)?). Leave the seed to the "
                 "caller: with the same seed, the same lines must come out."),
               train_lines(X, y, 12, learn_rate, num_epochs))
    W, b = start(X, seed)
    states = [(W.copy(), b)] + train_states(X, y, W, b, learn_rate, num_epochs)
    lines = lines_of(states)
    yield (_("each line is recorded before the step instead of after it: append the line after "
             "W, b = perceptronStep(...), so the first line already includes one epoch."),
           lines[:-1])
    right = lines[1:]
    yield (_("the slope and the intercept are swapped: each line is (-W[0]/W[1], -b/W[1]), "
             "slope first."), right[:, ::-1])
    yield (_("the slope has the wrong sign: it is -W[0]/W[1]."), right * [-1, 1])
    yield (_("the intercept has the wrong sign: it is -b/W[1]."), right * [1, -1])
    weights = np.array([W_[:, 0] for W_, _ in states[1:]])
    biases = np.array([b_ for _, b_ in states[1:]])
    yield (_("W[0] and W[1] are swapped in the slope: it is -W[0]/W[1]."),
           np.column_stack([-weights[:, 1] / weights[:, 0], -biases / weights[:, 1]]))
    yield (_("the intercept is -b/W[1]: divide by W[1], not W[0]."),
           np.column_stack([-weights[:, 0] / weights[:, 1], -biases / weights[:, 0]]))
