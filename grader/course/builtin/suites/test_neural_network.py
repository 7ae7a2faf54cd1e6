"""Hidden suite: the bike-sharing project's NeuralNetwork class.

The class is checked piece by piece (attributes, shapes, the statistics of the initial weights,
the activation function, run, one train step) and then end to end: trained on a generated
bike-sharing-like data set with the project's loop, its losses are compared with the reference's.
The loop runs inside the learner process (grader/boundary/drills.py); the losses are computed
here, from the learner's final weights, with the suite's own forward pass.
"""

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from grader import i18n
from grader.boundary import drills
from grader.boundary.proxy import Remote
from grader.core.compare import assert_close, case, fail, kind_of, numbers, show
from grader.course import datasets
from grader.feedback import LIKELY_CAUSE, NotStarted, Raised, TimedOut
from grader.i18n import N_

# EXERCISES.md's known values: a 3-2-1 network, one record.
KNOWN_W_I_H = [[0.1, 0.4, -0.3], [-0.2, 0.5, 0.2]]
KNOWN_W_H_O = [[0.3, -0.1]]
KNOWN_INPUTS = [0.5, -0.2, 0.1]
KNOWN_TARGETS = [0.4]
KNOWN_RUN = [[0.09998924]]
KNOWN_TRAINED_W_I_H = [[0.10562014, 0.39775194, -0.29887597],
                       [-0.20185996, 0.50074398, 0.19962801]]
KNOWN_TRAINED_W_H_O = [[0.37275328, -0.03172939]]
PRINTED = 6e-9  # the known values are printed to 8 decimals: allow half of the last digit

# Initialisation statistics: a large layer, so that the sample mean and standard deviation are
# sharp. For n draws from normal(0, s), the sample mean has standard error s / sqrt(n) and the
# sample standard deviation s / sqrt(2n). Allowing Z of them makes a false failure of a correct
# answer about as likely as a 6-sigma event (2e-9), while every wrong scale the course's
# learners use (1, input_nodes**-0.5, hidden_nodes**-0.5 for the output layer, 1/n) is
# several times off.
INIT_SIZES = (100, 400, 9)  # input_nodes, hidden_nodes, output_nodes
Z = 6.0
NORMAL_WITHIN_ONE_SD = 0.6827  # P(|w| < s) for a normal; 0.577 for a uniform of the same spread

# End to end: the project's loop on a generated data set.
E2E_HIDDEN, E2E_LEARNING_RATE, E2E_ITERATIONS, E2E_BATCH = 10, 0.05, 200, 64
# The same start and the same batches make a correct network end where the reference does, up
# to rounding; a wrong train can end worse or, on some data, better. Both are told apart only by
# a two-sided bound, so that such a mistake fails whatever data set is drawn.
E2E_TOLERANCE = 0.01
E2E_SECONDS = 20  # the reference needs about a second on a loaded 2-core machine
E2E_DAYS = 400
E2E_EVERY = 5  # batches between two points of the loss curves in the report
DIVERGED = 4.0  # a loss this many times the reference's largest is off the loss chart
SHOWN_SEED = 20261130  # the data set of the visible example, which the report plots
SHOWN_HOURS = 7 * 24


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


def _network(submission, *sizes):
    with case(f"NeuralNetwork{sizes}"):
        net = submission.NeuralNetwork(*sizes)
    if not isinstance(net, Remote):
        fail(i18n.gettext("NeuralNetwork{sizes} gave {kind}; NeuralNetwork should be a "
                          "class.").format(sizes=sizes, kind=kind_of(net)))
    return net


def _attribute(net, name, why):
    try:
        return getattr(net, name)
    except Raised as error:
        if error.type_name == "AttributeError":
            fail(i18n.gettext("Your NeuralNetwork has no attribute `{name}`. {why}").format(
                name=name, why=why))
        raise


def _weights(net, name, shape):
    why = i18n.gettext("__init__ must create self.{name}, an array of shape {shape}.").format(
        name=name, shape=shape) if shape else ""
    value = numbers(_attribute(net, name, why), name)
    if shape is not None and value.shape != shape:
        cause = None
        if value.shape == shape[::-1]:
            cause = i18n.gettext(
                "{name} is transposed. The course's network keeps one row per unit of the layer "
                "it feeds, shape {shape}, because it computes np.dot(weights, inputs) with the "
                "inputs as a column.").format(name=name, shape=shape)
        fail(i18n.gettext("{name} has shape {actual}; it should be {shape}.").format(
            name=name, actual=value.shape, shape=shape), cause=cause)
    return value


def _set_weights(net, w_i_h, w_h_o):
    net.weights_input_to_hidden = np.array(w_i_h, dtype=float)
    net.weights_hidden_to_output = np.array(w_h_o, dtype=float)


def _explain(error):
    """Add the likely cause of a shape error raised in the learner's forward or backward pass."""
    if error.type_name != "ValueError":
        return
    if "broadcast" in error.message:
        error.message += "\n" + i18n.gettext(LIKELY_CAUSE).format(cause=i18n.gettext(
            "an update with the wrong shape (transposed?). Each update must have its weights' "
            "shape: lr * np.dot(output_delta, hidden_outputs.T) is (output_nodes, hidden_nodes) "
            "and lr * np.dot(hidden_delta, inputs.T) is (hidden_nodes, input_nodes)."))
    elif "aligned" in error.message or "mismatch" in error.message:
        error.message += "\n" + i18n.gettext(LIKELY_CAUSE).format(cause=i18n.gettext(
            "the matrices are multiplied in the wrong order or without .T. Forward: "
            "np.dot(weights, inputs) with the inputs as a column. Backward: "
            "np.dot(self.weights_hidden_to_output.T, output_delta)."))


def _call(method, *args):
    try:
        return method(*args)
    except Raised as error:
        _explain(error)
        raise


# --- construction ------------------------------------------------------------------------------

def _random_sizes(rng):
    """Layer sizes like a small project's, all different, and a learning rate."""
    n_in, n_hidden, n_out = (int(n) for n in rng.choice(np.arange(1, 13), 3, replace=False))
    return n_in, n_hidden, n_out, round(float(rng.uniform(0.01, 0.9)), 3)


def _check_attributes(net, sizes, shown):
    for name, value, why in (
            ("input_nodes", sizes[0], N_("Store the first argument as self.input_nodes.")),
            ("hidden_nodes", sizes[1], N_("Store the second argument as self.hidden_nodes.")),
            ("output_nodes", sizes[2], N_("Store the third argument as self.output_nodes.")),
            ("lr", sizes[3], N_("Store the learning rate as self.lr, as the course's code "
                                "does."))):
        with case(f"{shown}.{name}"):
            assert_close(numbers(_attribute(net, name, i18n.gettext(why)), name), value,
                         what=name)


@pytest.mark.points(1)
@pytest.mark.hint(1)
@pytest.mark.twin("test_attributes_random")
def test_attributes(submission):
    """NeuralNetwork(3, 2, 1, 0.5) keeps its sizes and learning rate"""
    _check_attributes(_network(submission, 3, 2, 1, 0.5), (3, 2, 1, 0.5),
                      "NeuralNetwork(3, 2, 1, 0.5)")


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(1)
def test_attributes_random(submission, rng):
    """a network of random sizes keeps its sizes and learning rate"""
    sizes = _random_sizes(rng)
    _check_attributes(_network(submission, *sizes), sizes,
                      i18n.gettext("a network of random sizes"))


def _check_shapes(submission, sizes, shown):
    net = _network(submission, *sizes)
    n_in, n_hidden, n_out = sizes[:3]
    with case(shown):
        _weights(net, "weights_input_to_hidden", (n_hidden, n_in))
        _weights(net, "weights_hidden_to_output", (n_out, n_hidden))


@pytest.mark.points(1)
@pytest.mark.hint(1)
@pytest.mark.twin("test_weight_shapes_random")
def test_weight_shapes(submission):
    """weight shapes: (hidden_nodes, input_nodes) and (output_nodes, hidden_nodes)"""
    for sizes in ((3, 2, 1, 0.5), (6, 4, 2, 0.1)):
        _check_shapes(submission, sizes, f"NeuralNetwork{sizes}")


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(1)
def test_weight_shapes_random(submission, rng):
    """the weight shapes of networks of random sizes"""
    for _ in range(2):
        _check_shapes(submission, _random_sizes(rng), i18n.gettext("a network of random sizes"))


def _scale_cause(measured, sizes, layer, right_name):
    n_in, n_hidden, n_out = sizes
    second_argument = N_("{size} (normal's second argument is the standard deviation: use "
                         "** -0.5)")
    candidates = (
        (1.0, i18n.gettext("a standard deviation of 1 (np.random.randn or normal(0, 1))")),
        (n_in**-0.5, "input_nodes**-0.5"),
        (n_hidden**-0.5, "hidden_nodes**-0.5"),
        (n_out**-0.5, "output_nodes**-0.5"),
        (1 / n_in, i18n.gettext(second_argument).format(size="1 / input_nodes")),
        (1 / n_hidden, i18n.gettext(second_argument).format(size="1 / hidden_nodes")),
        (1 / n_out, i18n.gettext(second_argument).format(size="1 / output_nodes")),
        (n_hidden**0.5, i18n.gettext("hidden_nodes**0.5 (the exponent is -0.5)")),
    )
    for scale, name in candidates:
        if abs(measured / scale - 1) < 0.1:
            return i18n.gettext("the spread of {layer} matches {name}; this layer uses "
                                "{right_name}.").format(layer=layer, name=name,
                                                        right_name=right_name)
    return None


def _init_problem(weights, name, scale, right_name, sizes):
    """What is wrong with the spread of one freshly drawn matrix, or None."""
    n = weights.size
    mean, sd = float(weights.mean()), float(weights.std())
    if not np.isfinite(weights).all():
        return i18n.gettext("{name} contains nan or inf.").format(name=name), None
    if sd == 0:
        return i18n.gettext(
            "Every weight in {name} is {value}: draw them at random, with "
            "np.random.normal(0.0, {right_name}, shape), so that the hidden units differ.").format(
            name=name, value=show(weights.flat[0]), right_name=right_name), None
    if (weights >= 0).all():
        return (i18n.gettext("Every weight in {name} is positive, but they should be centred on "
                             "0.").format(name=name),
                i18n.gettext("np.random.rand and np.random.random draw from [0, 1); use "
                             "np.random.normal(0.0, standard deviation, shape)."))
    sd_tolerance = Z * scale / np.sqrt(2 * n)
    if abs(sd - scale) > sd_tolerance:
        return (i18n.gettext(
            "The standard deviation of {name} is {sd:.4f}; the course draws it from normal(0, "
            "{right_name}) = {scale:.4f} here (allowed: {low:.4f} to {high:.4f} for {n} "
            "weights).").format(name=name, sd=sd, right_name=right_name, scale=scale,
                                low=scale - sd_tolerance, high=scale + sd_tolerance, n=n),
                _scale_cause(sd, sizes, name, right_name))
    mean_tolerance = Z * sd / np.sqrt(n)
    if abs(mean) > mean_tolerance:
        return i18n.gettext(
            "The mean of {name} is {mean:.4f}; it should be close to 0 (within ±{tolerance:.4f} "
            "for {n} weights with this spread).").format(name=name, mean=mean,
                                                          tolerance=mean_tolerance, n=n), None
    within = float(np.mean(np.abs(weights - mean) < sd))
    within_tolerance = Z * np.sqrt(NORMAL_WITHIN_ONE_SD * (1 - NORMAL_WITHIN_ONE_SD) / n)
    if abs(within - NORMAL_WITHIN_ONE_SD) > within_tolerance:
        return (i18n.gettext(
            "{name} does not look normally distributed: {within:.1%} of the weights lie within "
            "one standard deviation of the mean, where a normal distribution has 68.3%.").format(
            name=name, within=within),
                i18n.gettext("np.random.uniform spreads the weights evenly; use "
                             "np.random.normal(0.0, standard deviation, shape)."))
    return None


def _check_initial_weights(submission, sizes, shown):
    n_in, n_hidden, n_out = sizes
    net = _network(submission, n_in, n_hidden, n_out, 0.1)
    with case(shown):
        w_i_h = _weights(net, "weights_input_to_hidden", (n_hidden, n_in))
        w_h_o = _weights(net, "weights_hidden_to_output", (n_out, n_hidden))
        problems = [problem for problem in (
            _init_problem(w_i_h, "weights_input_to_hidden", n_hidden**-0.5,
                          "hidden_nodes**-0.5", sizes),
            _init_problem(w_h_o, "weights_hidden_to_output", n_out**-0.5,
                          "output_nodes**-0.5", sizes)) if problem is not None]
        if problems:
            causes = list(dict.fromkeys(cause for _, cause in problems if cause))
            fail("\n".join(summary for summary, _ in problems),
                 cause=" ".join(causes) if causes else None)


@pytest.mark.points(1)
@pytest.mark.hint(1)
@pytest.mark.twin("test_initial_weights_random")
def test_initial_weights(submission, learner, rng):
    """initial weights drawn from normal(0, hidden_nodes**-0.5) and normal(0, output_nodes**-0.5)"""
    learner.seed_numpy(int(rng.integers(0, 2**31)))
    n_in, n_hidden, n_out = INIT_SIZES
    _check_initial_weights(submission, INIT_SIZES,
                           i18n.gettext("NeuralNetwork({sizes}, 0.1), after np.random.seed").format(
                               sizes=f"{n_in}, {n_hidden}, {n_out}"))


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(1)
def test_initial_weights_random(submission, learner, rng):
    """the initial weights of a large network of random sizes"""
    learner.seed_numpy(int(rng.integers(0, 2**31)))
    # Sizes in ranges that never meet, so that each wrong spread still has its own name.
    sizes = (int(rng.integers(60, 150)), int(rng.integers(250, 450)), int(rng.integers(5, 13)))
    _check_initial_weights(submission, sizes, i18n.gettext("a large network of random sizes"))


def _check_activation(net, x, shown):
    function = _attribute(net, "activation_function", i18n.gettext(
        "Set self.activation_function = self.sigmoid in __init__."))
    if not isinstance(function, Remote) or not function._callable:
        fail(i18n.gettext("activation_function is {kind}; it should be a function: "
                          "self.activation_function = self.sigmoid.").format(
            kind=kind_of(function)))
    known = (
        (x, N_("activation_function returns its input unchanged: f(x) = x is the output "
               "layer's. The hidden layer uses the sigmoid.")),
        (np.zeros_like(x), N_("activation_function returns 0: replace the placeholder with "
                              "self.sigmoid.")),
        (np.maximum(x, 0), N_("this is ReLU; the course's network uses the sigmoid.")),
        (np.tanh(x), N_("this is tanh; the course's network uses the sigmoid.")),
        (_sigmoid(x) * (1 - _sigmoid(x)),
         N_("this is the sigmoid's derivative, not the sigmoid.")),
    )

    def diagnose(actual):
        for value, message in known:
            if actual.shape in (x.shape, ()) and np.allclose(actual, value):
                return i18n.gettext(message)
        return None

    with case(shown):
        assert_close(_call(function, x), _sigmoid(x),
                     what=i18n.gettext("activation_function of an array"), diagnose=diagnose)


@pytest.mark.points(1)
@pytest.mark.hint(1)
@pytest.mark.twin("test_activation_function_random")
def test_activation_function(submission):
    """activation_function is the sigmoid"""
    x = np.array([-4.0, -1.0, 0.0, 0.5, 3.0])
    _check_activation(_network(submission, 3, 2, 1, 0.5), x,
                      f"activation_function(np.array({x.tolist()}))")


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(1)
def test_activation_function_random(submission, rng):
    """activation_function on random numbers"""
    _check_activation(_network(submission, *_random_sizes(rng)), rng.normal(0.0, 3.0, 7),
                      i18n.gettext("activation_function of random numbers"))


# --- run ---------------------------------------------------------------------------------------

def _forward(w_i_h, w_h_o, inputs):
    """The suite's own forward pass: inputs as rows (records x inputs), outputs as columns."""
    hidden = _sigmoid(np.atleast_2d(inputs) @ np.asarray(w_i_h).T)
    return (hidden @ np.asarray(w_h_o).T).T


def _run_cause(w_i_h, w_h_o, inputs):
    hidden_in = np.atleast_2d(inputs) @ np.asarray(w_i_h).T
    right = _forward(w_i_h, w_h_o, inputs)
    known = (
        (_sigmoid(right), N_("a sigmoid on the output layer. The bike-sharing network predicts "
                             "a number of rides, not a probability: final_outputs = "
                             "final_inputs (the identity, f(x) = x).")),
        ((hidden_in @ np.asarray(w_h_o).T).T,
         N_("the hidden layer has no activation: hidden_outputs = "
            "self.activation_function(hidden_inputs).")),
        (_sigmoid(hidden_in).T, N_("run returned the hidden layer's outputs; go on to the "
                                   "output layer: np.dot(self.weights_hidden_to_output, "
                                   "hidden_outputs).")),
    )

    def cause(actual):
        for value, message in known:
            if value.shape == actual.shape and np.allclose(actual, value, rtol=1e-6, atol=1e-9):
                return i18n.gettext(message)
        if actual.size and not actual.any():
            return i18n.gettext("run returns only zeros: is activation_function still a "
                                "placeholder such as lambda x: 0? Set it to self.sigmoid.")
        return None

    return cause


@pytest.mark.points(1)
@pytest.mark.hint(2)
@pytest.mark.twin("test_run_random")
def test_run_known_value(submission):
    """run([0.5, -0.2, 0.1]) on the known 3-2-1 network is [[0.09998924]]"""
    net = _network(submission, 3, 2, 1, 0.5)
    _set_weights(net, KNOWN_W_I_H, KNOWN_W_H_O)
    with case(f"weights_input_to_hidden = {KNOWN_W_I_H}, weights_hidden_to_output = "
              f"{KNOWN_W_H_O}; run({KNOWN_INPUTS})"):
        actual = _call(net.run, KNOWN_INPUTS)
        assert_close(actual, KNOWN_RUN, what=f"run({KNOWN_INPUTS})", atol=PRINTED,
                     diagnose=_run_cause(KNOWN_W_I_H, KNOWN_W_H_O, KNOWN_INPUTS))


def _random_weights(rng, n_in, n_hidden, n_out):
    return rng.normal(0, n_hidden**-0.5, (n_hidden, n_in)), rng.normal(0, 1, (n_out, n_hidden))


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(2)
def test_run_random(submission, rng):
    """run on random networks, one record given as a list"""
    for n_in, n_hidden, n_out in ((4, 3, 1), (6, 5, 2)):
        net = _network(submission, n_in, n_hidden, n_out, 0.1)
        w_i_h, w_h_o = _random_weights(rng, n_in, n_hidden, n_out)
        _set_weights(net, w_i_h, w_h_o)
        record = [round(float(v), 3) for v in rng.normal(0, 1, n_in)]
        shown = i18n.gettext("run on a random {layers} network").format(
            layers=f"{n_in}-{n_hidden}-{n_out}")
        with case(shown):
            assert_close(_call(net.run, record), _forward(w_i_h, w_h_o, record), what=shown,
                         diagnose=_run_cause(w_i_h, w_h_o, record))


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(2)
def test_run_many_records(submission, rng):
    """run on many records at once, as the project does to compute its losses"""
    n_in, n_hidden, n_out = 5, 4, 1
    net = _network(submission, n_in, n_hidden, n_out, 0.1)
    w_i_h, w_h_o = _random_weights(rng, n_in, n_hidden, n_out)
    _set_weights(net, w_i_h, w_h_o)
    records = rng.normal(0, 1, (30, n_in))
    with case(i18n.gettext("run on an array of 30 records (shape {shape})").format(
            shape=records.shape)):
        actual = _call(net.run, records)
        assert_close(actual, _forward(w_i_h, w_h_o, records),
                     what=i18n.gettext("run on 30 records (one output column per record)"),
                     diagnose=_run_cause(w_i_h, w_h_o, records))


# --- train -------------------------------------------------------------------------------------

def _train_mistakes(w_i_h, w_h_o, inputs, targets, lr):
    """The weights after one correct train step, and after each likely mistake, with its cause."""
    w_i_h, w_h_o = np.asarray(w_i_h, dtype=float), np.asarray(w_h_o, dtype=float)
    x = np.array(inputs, ndmin=2).T
    t = np.array(targets, ndmin=2).T
    hidden = _sigmoid(w_i_h @ x)
    final = w_h_o @ hidden

    def step(output_delta, hidden_delta=None, rate=lr, back=w_h_o, replace=False,
             transposed=False):
        if hidden_delta is None:
            hidden_delta = (back.T @ output_delta) * hidden * (1 - hidden)
        d_h_o, d_i_h = rate * output_delta @ hidden.T, rate * hidden_delta @ x.T
        if transposed:
            if d_i_h.shape[0] != d_i_h.shape[1]:
                return None
            d_i_h = d_i_h.T
        if replace:
            return d_i_h, d_h_o
        return w_i_h + d_i_h, w_h_o + d_h_o

    error = t - final
    right = step(error)
    out = _sigmoid(final)
    after_output_update = w_h_o + lr * error @ hidden.T
    sigmoid_output = N_("a sigmoid on the output layer: the bike-sharing network's output "
                        "layer is the identity (f(x) = x): final_outputs = final_inputs and "
                        "output_delta = targets - final_outputs.")
    return right, (
        (step((t - out) * out * (1 - out)), sigmoid_output),
        (step(t - out), sigmoid_output),
        (step(error * final * (1 - final)),
         N_("output_delta has a sigmoid derivative final_outputs * (1 - final_outputs): the "
            "bike-sharing network's output layer is the identity (f(x) = x): final_outputs = "
            "final_inputs and output_delta = targets - final_outputs.")),
        (step(error, hidden_delta=(w_h_o.T @ error)),
         N_("hidden_delta is missing the sigmoid's derivative: multiply by "
            "hidden_outputs * (1 - hidden_outputs).")),
        (step(error, rate=1.0),
         N_("the learning rate is ignored: multiply both updates by self.lr.")),
        (step(-error), N_("the sign is flipped: output_delta = targets - final_outputs, and the "
                          "updates are added (+=).")),
        (step(error, back=after_output_update),
         N_("hidden_delta used weights_hidden_to_output after it was already updated: compute "
            "both deltas first, then update both matrices.")),
        (step(error, replace=True),
         N_("the weights were replaced by the update; add it: self.weights_... += update.")),
        (step(error, transposed=True),
         N_("the update of weights_input_to_hidden is transposed: use np.dot(hidden_delta, "
            "inputs.T), which has the weights' shape (hidden_nodes, input_nodes).")),
    )


def _train_cause(mistakes, which, before):
    right, known = mistakes

    def cause(actual):
        if actual.shape == before.shape and np.array_equal(actual, before):
            return i18n.gettext(
                "train did not change this matrix. Store the update in the attribute: "
                "self.weights_... += ... (updating a local copy, or returning the new weights, "
                "leaves the network as it was).")
        for wrong, message in known:
            if wrong is None or np.allclose(wrong[which], right[which]):
                continue
            if wrong[which].shape == actual.shape and np.allclose(actual, wrong[which],
                                                                 rtol=1e-6, atol=1e-9):
                return i18n.gettext(message)
        return None

    return cause


def _check_one_step(net, w_i_h, w_h_o, inputs, targets, lr, expected, *, atol=1e-8):
    """Train one record and compare both matrices with `expected` (w_i_h, w_h_o)."""
    mistakes = _train_mistakes(w_i_h, w_h_o, inputs, targets, lr)
    _call(net.train, inputs, targets)
    after_h_o = _weights(net, "weights_hidden_to_output", None)
    after_i_h = _weights(net, "weights_input_to_hidden", None)
    assert_close(after_h_o, expected[1],
                 what=i18n.gettext("weights_hidden_to_output after train"), atol=atol,
                 diagnose=_train_cause(mistakes, 1, np.asarray(w_h_o, dtype=float)))
    assert_close(after_i_h, expected[0],
                 what=i18n.gettext("weights_input_to_hidden after train"), atol=atol,
                 diagnose=_train_cause(mistakes, 0, np.asarray(w_i_h, dtype=float)))


@pytest.mark.points(2)
@pytest.mark.hint(3)
@pytest.mark.twin("test_train_random")
def test_train_known_values(submission):
    """one train([0.5, -0.2, 0.1], [0.4]) step on the known 3-2-1 network"""
    net = _network(submission, 3, 2, 1, 0.5)
    _set_weights(net, KNOWN_W_I_H, KNOWN_W_H_O)
    with case(f"NeuralNetwork(3, 2, 1, 0.5) with weights_input_to_hidden = {KNOWN_W_I_H} and "
              f"weights_hidden_to_output = {KNOWN_W_H_O}; train({KNOWN_INPUTS}, "
              f"{KNOWN_TARGETS})"):
        _check_one_step(net, KNOWN_W_I_H, KNOWN_W_H_O, KNOWN_INPUTS, KNOWN_TARGETS, 0.5,
                        (KNOWN_TRAINED_W_I_H, KNOWN_TRAINED_W_H_O), atol=PRINTED)


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.hint(4)
def test_train_random(submission, reference, rng):
    """train on random networks and records, twice in a row"""
    for n_in, n_hidden, n_out in ((4, 4, 1), (5, 3, 2)):
        lr = float(rng.uniform(0.05, 0.5))
        net = _network(submission, n_in, n_hidden, n_out, lr)
        w_i_h, w_h_o = _random_weights(rng, n_in, n_hidden, n_out)
        _set_weights(net, w_i_h, w_h_o)
        trusted = reference.NeuralNetwork(n_in, n_hidden, n_out, lr)
        trusted.weights_input_to_hidden, trusted.weights_hidden_to_output = w_i_h.copy(), \
            w_h_o.copy()
        with case(i18n.gettext("train on a random {layers} network").format(
                layers=f"{n_in}-{n_hidden}-{n_out}")):
            for _ in range(2):
                record = [round(float(v), 3) for v in rng.normal(0, 1, n_in)]
                targets = [round(float(v), 3) for v in rng.normal(0, 1, n_out)]
                before = (trusted.weights_input_to_hidden.copy(),
                          trusted.weights_hidden_to_output.copy())
                trusted.train(record, targets)
                expected = (trusted.weights_input_to_hidden, trusted.weights_hidden_to_output)
                _check_one_step(net, *before, record, targets, lr, expected)
                _set_weights(net, *expected)


# --- end to end --------------------------------------------------------------------------------

def _mse(w_i_h, w_h_o, features, targets):
    return float(np.mean((_forward(w_i_h, w_h_o, features)[0] - targets) ** 2))


def _train_in_learner(learner, net, data, seed):
    """The learner's network trained with the project's loop, and its weights as they were
    before the first batch and after every E2E_EVERY batches (as the learner process sent them)."""
    what = i18n.gettext(
        "Training your network with the project's loop (network.train(record, target) for each "
        "record of {iterations} random batches of {batch})").format(
        iterations=E2E_ITERATIONS, batch=E2E_BATCH)
    try:
        return learner.drill("train_network", net, data.train_features, data.train_targets,
                             E2E_ITERATIONS, E2E_BATCH, seed, E2E_EVERY)
    except Raised as error:
        problem = Raised(error.info, what)
        _explain(problem)
        raise problem from None
    except NotStarted:
        raise NotStarted(i18n.gettext(
            "Not started yet: train still raises NotImplementedError, so the network cannot be "
            "trained on the bike-sharing data yet.")) from None
    except TimedOut:
        raise TimedOut(i18n.gettext(
            "{what} took longer than {seconds} s and was stopped. The reference needs about a "
            "second: look for a loop in train, or a very slow step.").format(
            what=what, seconds=E2E_SECONDS)) from None


class _Trained:
    """Both networks after the project's loop on one generated data set: the final weights,
    the losses computed from them, and the loss curves (one point per E2E_EVERY batches)."""

    def __init__(self, data, yours, ours, seen, their_seen):
        self.data, self.yours, self.ours = data, yours, ours
        self.losses = (self._losses(*yours), self._losses(*ours))
        self.curves = (self._curves(seen, yours), self._curves(their_seen, ours))

    def _losses(self, w_i_h, w_h_o):
        data = self.data
        return (_mse(w_i_h, w_h_o, data.train_features, data.train_targets),
                _mse(w_i_h, w_h_o, data.val_features, data.val_targets))

    def _curves(self, seen, final):
        """(training, validation) MSE per step, from the first snapshot after training began
        (the start, the same for both networks, is far above the rest and would flatten the
        curves); a snapshot the learner process sent that is not two matrices of the final
        weights' shapes is left out of the picture."""
        shapes = tuple(np.shape(matrix) for matrix in final)
        training, validation = [], []
        for step, weights in enumerate(seen if isinstance(seen, list) else []):
            if step == 0 or not isinstance(weights, list) or not all(
                    isinstance(matrix, np.ndarray) and matrix.dtype.kind == "f"
                    for matrix in weights):
                continue
            matrices = tuple(weights)
            if tuple(matrix.shape for matrix in matrices) != shapes:
                continue
            with np.errstate(all="ignore"):
                losses = self._losses(*matrices)
            training.append((step * E2E_EVERY, losses[0]))
            validation.append((step * E2E_EVERY, losses[1]))
        return training, validation


def _train_both(submission, reference, learner, seed):
    """Your class and the reference, from the same weights (drawn under the same seed), on the
    same random batches; a network that cannot be judged is a failure that says why."""
    data = datasets.bike_sharing(seed, days=E2E_DAYS)
    n_in = data.train_features.shape[1]
    # The weights np.random.seed(seed) and the course's __init__ would draw, in its order.
    draws = np.random.RandomState(seed)
    start = (draws.normal(0.0, E2E_HIDDEN**-0.5, (E2E_HIDDEN, n_in)),
             draws.normal(0.0, 1.0, (1, E2E_HIDDEN)))
    trusted = reference.NeuralNetwork(n_in, E2E_HIDDEN, 1, E2E_LEARNING_RATE)
    _set_weights(trusted, *start)

    learner.seed_numpy(seed)
    net = _network(submission, n_in, E2E_HIDDEN, 1, E2E_LEARNING_RATE)
    _set_weights(net, *start)
    with ThreadPoolExecutor(max_workers=1) as pool:  # the reference trains while we wait
        reference_done = pool.submit(drills.train_network, trusted, data.train_features,
                                     data.train_targets, E2E_ITERATIONS, E2E_BATCH, seed,
                                     E2E_EVERY)
        seen = _train_in_learner(learner, net, data, seed)
        their_seen = reference_done.result()

    w_i_h = _weights(net, "weights_input_to_hidden", (E2E_HIDDEN, n_in))
    w_h_o = _weights(net, "weights_hidden_to_output", (1, E2E_HIDDEN))
    with np.errstate(all="ignore"):
        return _Trained(data, (w_i_h, w_h_o),
                        (trusted.weights_input_to_hidden, trusted.weights_hidden_to_output),
                        seen, their_seen), start


def _judge(trained, start):
    (w_i_h, w_h_o), (yours, ours) = trained.yours, trained.losses
    if not (np.isfinite(w_i_h).all() and np.isfinite(w_h_o).all()):
        fail(i18n.gettext("After training, your weights contain nan or inf: training diverged."),
             cause=i18n.gettext("a flipped sign (output_delta = targets - final_outputs, "
                                "updates added with +=) or an update that ignores the learning "
                                "rate."))
    if np.array_equal(w_i_h, start[0]) or np.array_equal(w_h_o, start[1]):
        which = "weights_input_to_hidden" if np.array_equal(w_i_h, start[0]) else \
            "weights_hidden_to_output"
        fail(i18n.gettext("After {calls} calls of train, {which} has not changed.").format(
            calls=E2E_ITERATIONS * E2E_BATCH, which=which),
             cause=i18n.gettext("store each update in the attribute (self.weights_... += "
                                "update)."))
    ratios = [mine / theirs for mine, theirs in zip(yours, ours, strict=True)]
    if not all(np.isfinite(ratio) and abs(ratio - 1) <= E2E_TOLERANCE for ratio in ratios):
        fail(i18n.gettext(
            "After training on the same random batches from the same starting weights, your "
            "network's training MSE is {train:.3f} and its validation MSE {validation:.3f}: "
            "{train_ratio:.2f} and {validation_ratio:.2f} times the reference network's. From "
            "the same start, a correct train ends at the same losses (within {tolerance:.0%}), "
            "so yours learns something else. (The grader computes both from the final "
            "weights, with the course's forward pass: sigmoid hidden layer, identity "
            "output.)").format(train=yours[0], validation=yours[1], train_ratio=ratios[0],
                               validation_ratio=ratios[1], tolerance=E2E_TOLERANCE))


LOSS_TITLES = (N_("Training loss (MSE) per step"), N_("Validation loss (MSE) per step"))
HIDDEN_LOSS_TITLES = (N_("Your network's training loss (MSE) per step, on random data"),
                      N_("Your network's validation loss (MSE) per step, on random data"))


def _draw_losses(chart, trained, hidden):
    """The loss curves; a hidden test draws the learner's only, with the final loss it had to
    come within 1% of."""
    yours, ours = trained.curves
    for which, titles in enumerate(HIDDEN_LOSS_TITLES if hidden else LOSS_TITLES):
        # A diverging curve is cut where it leaves the reference's range by far, so that the
        # scale still shows where it had to be (the message says it diverged).
        ceiling = DIVERGED * max((loss for _, loss in ours[which]), default=np.inf)
        shown = []
        for point in yours[which]:
            if not point[1] <= ceiling:
                break
            shown.append(point)
        if hidden:
            needed = trained.losses[1][which]
            series = [("", "learner", shown),
                      (i18n.gettext("Needed at the end (within 1%)"), "bound",
                       [(0, needed), (E2E_ITERATIONS, needed)])]
        else:
            series = [("", "learner", shown), ("", "reference", ours[which])]
        chart("curve", i18n.gettext(titles), i18n.gettext("batches trained"), "MSE", series)


def _draw_predictions(chart, trained, seed):
    """The predictions for the first week of the validation days over the real counts, in
    rides per hour, as the project plots them."""
    rides = datasets.hourly_rides(np.random.default_rng(seed), E2E_DAYS)["cnt"]
    mean, std = float(rides.mean()), float(rides.std())
    data = trained.data
    shown = data.val_features[:SHOWN_HOURS]
    real = rides.to_numpy(dtype=float)[-len(data.val_targets):][:SHOWN_HOURS]
    hours = np.arange(SHOWN_HOURS)
    with np.errstate(all="ignore"):
        yours = _forward(*trained.yours, shown)[0] * std + mean
        ours = _forward(*trained.ours, shown)[0] * std + mean
    chart("curve", i18n.gettext("Predicted and real rides per hour, first week of the "
                                "validation days"),
          i18n.gettext("hour"), i18n.gettext("rides"),
          [(i18n.gettext("Real counts"), "data", np.column_stack([hours, real])),
           ("", "learner", np.column_stack([hours, yours])),
           ("", "reference", np.column_stack([hours, ours]))])


@pytest.mark.points(1)
@pytest.mark.timeout(E2E_SECONDS)
@pytest.mark.hint(4)
@pytest.mark.twin("test_trains_on_bike_sharing_data")
def test_trains_on_the_shown_bike_sharing_data(submission, reference, learner, chart):
    """bike-sharing-like data the report plots: the losses match the reference's to within 1%

    The same training as the hidden test below, on one data set drawn with a fixed seed, so that
    the report can draw your losses beside the reference's and your predictions over the real
    counts.
    """
    with case(i18n.gettext("datasets.bike_sharing({seed}); both networks trained with the "
                           "project's loop").format(seed=SHOWN_SEED)):
        trained, start = _train_both(submission, reference, learner, SHOWN_SEED)
        _draw_losses(chart, trained, hidden=False)
        _draw_predictions(chart, trained, SHOWN_SEED)
        _judge(trained, start)


@pytest.mark.points(1)
@pytest.mark.hidden
@pytest.mark.timeout(E2E_SECONDS)
@pytest.mark.hint(4)
def test_trains_on_bike_sharing_data(submission, reference, learner, rng, chart):
    """bike-sharing-like data: the losses match the reference's to within 1%

    A seeded, generated bike-sharing-like data set (hour of day, weekday, season, weather and
    temperature -> standardised count). Your class and the reference start from the same weights
    (drawn under the same seed) and train on the same random batches with the project's loop;
    your training and validation MSE, computed by the grader from your final weights, must each
    be within E2E_TOLERANCE = 1% of the reference's.
    """
    trained, start = _train_both(submission, reference, learner, int(rng.integers(0, 2**31)))
    _draw_losses(chart, trained, hidden=True)
    _judge(trained, start)
