"""The course: every exercise, in order, with its title, points and hints.

This is the only list of exercises. Stubs, solutions, suites, reports and the learner commands
all read it, and a test fails if a file exists that it does not name.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Exercise:
    name: str
    title: str
    section: str
    points: int
    task: str
    hints: tuple[str, ...]


CATALOG: tuple[Exercise, ...] = (
    Exercise(
        name="and_perceptron",
        title="AND perceptron",
        section="Perceptrons as logic gates",
        points=5,
        task="Set weight1, weight2 and bias so that the perceptron computes AND.",
        hints=(
            "The output is 1 when weight1*x1 + weight2*x2 + bias >= 0. Only (1, 1) may reach 0.",
            "With weight1 = weight2 = 1, the sums are 0, 1, 1 and 2 before the bias. "
            "Which bias pushes only the last one to 0 or above?",
            "weight1 = 1.0, weight2 = 1.0, bias = -2.0 is one answer (the course's).",
        ),
    ),
    Exercise(
        name="or_perceptron",
        title="OR perceptron",
        section="Perceptrons as logic gates",
        points=5,
        task="Set weight1, weight2 and bias so that the perceptron computes OR.",
        hints=(
            "Start from your AND weights: OR fires for every input except (0, 0).",
            "Keep the weights and raise the bias, or raise the weights and keep the bias.",
            "weight1 = 1.0, weight2 = 1.0, bias = -1.0 is one answer.",
        ),
    ),
    Exercise(
        name="not_perceptron",
        title="NOT perceptron",
        section="Perceptrons as logic gates",
        points=5,
        task="Set weight1, weight2 and bias so that the perceptron outputs NOT of the second "
        "input.",
        hints=(
            "The first input is ignored, so weight1 should be 0.",
            "The output must be 1 when x2 = 0: the bias alone must be >= 0. "
            "When x2 = 1, weight2 + bias must be < 0.",
            "weight1 = 0.0, weight2 = -2.0, bias = 1.0 is one answer.",
        ),
    ),
    Exercise(
        name="xor_perceptron",
        title="XOR as a two-layer perceptron network",
        section="Perceptrons as logic gates",
        points=6,
        task="XOR is not one perceptron: set the weights of a 2-2-1 network of step units.",
        hints=(
            "XOR(x1, x2) = AND(OR(x1, x2), NAND(x1, x2)). Build the two hidden units first.",
            "hidden_weights has one row per hidden unit: row 0 could be OR, row 1 NAND.",
            "OR: weights [1, 1], bias -1. NAND: weights [-1, -1], bias 1.5. "
            "The output unit is AND of the two: weights [1, 1], bias -2.",
        ),
    ),
    Exercise(
        name="perceptron_step",
        title="The perceptron trick",
        section="The perceptron algorithm",
        points=10,
        task="Write stepFunction, prediction, perceptronStep and trainPerceptronAlgorithm.",
        hints=(
            "stepFunction(t) is 1 when t >= 0 and 0 otherwise: t = 0 gives 1.",
            "perceptronStep changes W and b only for a misclassified point, one point at a time: "
            "add learn_rate * x for a missed positive, subtract it for a missed negative.",
            "trainPerceptronAlgorithm must draw W = np.random.rand(2, 1) before "
            "b = np.random.rand(1)[0] + x_max, and record (-W[0]/W[1], -b/W[1]) after each epoch.",
        ),
    ),
    Exercise(
        name="softmax",
        title="Softmax",
        section="Softmax",
        points=10,
        task="Write softmax(L): turn a list of scores into probabilities that sum to 1.",
        hints=(
            "Each probability is exp(L[i]) divided by the sum of exp(L[j]) over all j.",
            "np.exp works on a whole list or array at once; divide it by its own sum.",
            "Exponentiating is not squaring: use np.exp(L), not L**2.",
        ),
    ),
    Exercise(
        name="cross_entropy",
        title="Cross entropy",
        section="Cross entropy",
        points=10,
        task="Write cross_entropy(Y, P): the binary cross entropy of labels Y and probabilities P.",
        hints=(
            "Cross entropy is -sum(Y*ln(P) + (1-Y)*ln(1-P)): a sum over all points, with a minus.",
            "Use the natural log (np.log), not np.log10, and convert Y and P to float arrays "
            "with np.asarray(..., dtype=float).",
            "np.float_ was removed in NumPy 2: use np.float64, or np.asarray(Y, dtype=float).",
        ),
    ),
    Exercise(
        name="gradient_descent",
        title="Logistic regression by gradient descent",
        section="Gradient descent",
        points=10,
        task="Write sigmoid, output_formula, error_formula and update_weights (and, optionally, "
        "train).",
        hints=(
            "sigmoid(x) = 1 / (1 + exp(-x)); output_formula applies it to "
            "features @ weights + bias.",
            "The log-loss is -y*ln(output) - (1-y)*ln(1-output), element-wise.",
            "For log-loss the gradient is simply -(y - output) * x: there is no "
            "output*(1-output) factor (that belongs to squared error).",
            "train (optional): weights = np.random.normal(scale=1 / n_features**.5, "
            "size=n_features) and bias = 0, then in each epoch call "
            "weights, bias = update_weights(x, y, weights, bias, learnrate) for every point.",
        ),
    ),
    Exercise(
        name="backprop",
        title="Backpropagation",
        section="Backpropagation",
        points=10,
        task="Write sigmoid_prime, error_term_formula, gradient_step and backprop for a "
        "two-layer network.",
        hints=(
            "The output error term is (y - output) * output * (1 - output).",
            "The hidden error term is the output error term times the hidden-to-output weights, "
            "times the derivative of the hidden sigmoid: h * (1 - h).",
            "delta_w_i_h has the shape of weights_input_hidden: learnrate * hidden_error_term * "
            "x[:, None].",
        ),
    ),
    Exercise(
        name="dropout",
        title="Dropout",
        section="Preventing overfitting: dropout",
        points=12,
        task="Write dropout (inverted dropout with a fresh random mask) and dropout_backward.",
        hints=(
            "Draw mask = np.random.rand(*activations.shape) < keep_prob inside dropout, on every "
            "call: each unit is kept on its own with probability keep_prob, so the number kept "
            "varies, and np.random.seed (called outside) decides the mask.",
            "Inverted dropout divides what it keeps by keep_prob: return (activations * mask / "
            "keep_prob, mask), and keep the mask itself 0/1 (or bools).",
            "Check keep_prob first: `if not 0 < keep_prob <= 1: raise ValueError(...)`. An "
            "assert raises AssertionError, not ValueError.",
            "dropout_backward uses the mask it is given, scaled the same way: d_out * mask / "
            "keep_prob. Do not draw a new mask there.",
        ),
    ),
    Exercise(
        name="neural_network",
        title="A neural network class (bike sharing)",
        section="Project: predicting bike-sharing demand",
        points=16,
        task="Complete NeuralNetwork: weight initialisation, train (one record) and run.",
        hints=(
            "In __init__, one row per unit of the layer a matrix feeds: weights_input_to_hidden "
            "= np.random.normal(0.0, hidden_nodes**-0.5, (hidden_nodes, input_nodes)), "
            "weights_hidden_to_output likewise with output_nodes; activation_function = "
            "self.sigmoid.",
            "The hidden layer uses the sigmoid; the output layer is the identity (f(x) = x), "
            "because the network predicts a count, not a probability.",
            "With an identity output, the output error term is just targets - final_outputs; "
            "hidden_delta = weights_hidden_to_output.T @ output_delta * h * (1 - h).",
            "Compute both deltas, then update in place: weights_hidden_to_output += lr * "
            "output_delta @ hidden_outputs.T and weights_input_to_hidden += lr * hidden_delta @ "
            "inputs.T.",
        ),
    ),
    Exercise(
        name="sentiment_network",
        title="A sentiment network with noise reduction",
        section="Project: sentiment analysis",
        points=20,
        task="Write count_words, pos_neg_ratios, build_vocabulary and the SentimentNetwork "
        "class (train and run), and keep only the words that carry sentiment.",
        hints=(
            "Split with review.split() (no argument) and count every occurrence: "
            "counter.update(words) adds one per word, repeats included. The labels are the "
            "strings \"POSITIVE\" and \"NEGATIVE\".",
            "pos_neg_ratios loops over total_counts: for each word with total_counts[word] >= "
            "min_count, r = positive_counts[word] / (negative_counts[word] + 1), then np.log(r) "
            "if r > 1, else -np.log(1 / (r + 0.01)).",
            "build_vocabulary passes its own min_count to pos_neg_ratios and keeps the words "
            "with abs(ratio) >= polarity_cutoff, so strongly negative words stay too.",
            "In train, the hidden layer is the sum of the weights_0_1 rows of the review's "
            "distinct known words (a set of indices). Compute delta_1 = delta_2 @ "
            "weights_1_2.T before updating weights_1_2, then subtract learning_rate times each "
            "update.",
        ),
    ),
)


class UnknownExercise(LookupError):
    """Raised for a name the catalog does not know; the message lists the valid ones."""

    def __init__(self, name: str) -> None:
        super().__init__(f"unknown exercise {name!r}; choose one of: {', '.join(names())}")
        self.name = name


def names() -> list[str]:
    return [exercise.name for exercise in CATALOG]


def get(name: str) -> Exercise:
    for exercise in CATALOG:
        if exercise.name == name:
            return exercise
    raise UnknownExercise(name)
