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
            "prediction(X, W, b) is stepFunction(np.matmul(X, W) + b): W[0] goes with X[0], "
            "W[1] with X[1], and the bias is added.",
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
            "Each probability is exp(L[i]) divided by the sum of exp(L[j]) over all j, so the "
            "probabilities add up to 1.",
            "np.exp works on a whole list or NumPy array at once; divide the result by its own "
            "sum and return every probability.",
            "Exponentiating is not squaring: np.exp(L), not L**2. exp is positive and grows with "
            "the score, so negative scores get small positive probabilities once you divide by "
            "the sum.",
            "Large scores overflow: np.exp(1000) is inf. Subtract max(L) from every score first; "
            "the probabilities stay the same.",
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
        task="Write sigmoid, output_formula, error_formula, update_weights and train.",
        hints=(
            "sigmoid(x) = 1 / (1 + exp(-x)); output_formula applies it to "
            "features @ weights + bias.",
            "The log-loss is -y*ln(output) - (1-y)*ln(1-output), element-wise.",
            "For log-loss the gradient is simply -(y - output) * x: there is no "
            "output*(1-output) factor (that belongs to squared error).",
            "train: weights = np.random.normal(scale=1 / n_features**.5, "
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
            "sigmoid_prime(x) = sigmoid(x) * (1 - sigmoid(x)), with x the sigmoid's input: "
            "output * (1 - output) is the same thing written with the sigmoid's output.",
            "The output error term is (y - output) * output * (1 - output).",
            "The hidden error term is the output error term times the hidden-to-output weights, "
            "times the derivative of the hidden sigmoid: h * (1 - h).",
            "delta_w_i_h has the shape of weights_input_hidden: learnrate * hidden_error_term * "
            "x[:, None].",
        ),
    ),
    Exercise(
        name="one_hot",
        title="One-hot encoding",
        section="One-hot encoding",
        points=10,
        task="Write one_hot(labels, categories=None): one row per label, with a single 1 in "
        "its category's column.",
        hints=(
            "Start from zeros of shape (len(labels), len(categories)), one row per label and one "
            "column per category, and set a single 1 in each row.",
            "A label's column is its position among the categories, which are "
            "sorted(set(labels)) when none are given: the labels 10 and 20 alone go to columns "
            "0 and 1, not to columns 10 and 20.",
            "When categories is given, keep its order and give every category a column. Check "
            "`if label not in categories:` and raise ValueError(f\"unknown label: {label}\").",
            "With no labels, np.zeros((0, len(categories))) is the answer: build the zeros "
            "from len(labels) and len(categories), and the empty case comes out right by itself.",
        ),
    ),
    Exercise(
        name="multiclass_cross_entropy",
        title="Likelihood and multi-class cross entropy",
        section="Maximum likelihood and cross entropy",
        points=10,
        task="Write likelihood(Y, P) and multiclass_cross_entropy(Y, P) for one-hot labels Y "
        "and a model's probabilities P.",
        hints=(
            "Row i of Y picks out the probability the model gives record i's actual class: "
            "sum(Y[i] * P[i]). The likelihood multiplies these, one per record.",
            "The cross entropy is -sum(Y * ln(P)) over every record and class: the natural log "
            "(np.log), a sum (not a mean), and a minus sign that makes it positive.",
            "Never compute the cross entropy as -log(likelihood(...)): the product of thousands "
            "of probabilities underflows to 0.0. Add up the logs instead, as "
            "log(ab) = log(a) + log(b) allows.",
        ),
    ),
    Exercise(
        name="squared_error",
        title="Squared error and learning weights",
        section="Squared error and gradient descent",
        points=10,
        task="Write sse, mse, train_epoch and train: measure the squared error and learn the "
        "weights of one sigmoid unit by batch gradient descent.",
        hints=(
            "sse = 0.5 * np.sum((y - y_hat)**2) and mse = np.sum((y - y_hat)**2) / (2 * m), "
            "with m = len(y), the number of records: keep the 1/2, and for targets of shape "
            "(m, k) divide by 2 * m, not by the number of numbers (np.mean would).",
            "In train_epoch every record uses the same weights: add error_term * x to del_w "
            "for each record, where error_term = (y - output) * output * (1 - output), and "
            "update once after the loop: weights + learnrate * del_w / n_records (divide once).",
            "In train, keep what train_epoch returns (weights = train_epoch(...)) and after "
            "each epoch append mse(targets, sigmoid(features @ weights)) to losses.",
            "If train_epoch and train pass their own tests, the admissions data needs nothing "
            "more: the same starting weights lead to the same accuracy.",
        ),
    ),
    Exercise(
        name="activations",
        title="tanh, relu and the vanishing gradient",
        section="Vanishing gradients and other activation functions",
        points=16,
        task="Write tanh, tanh_prime, relu, relu_prime and sigmoid_prime (element-wise), and "
        "vanishing(n).",
        hints=(
            "NumPy works element by element on a number, a list or an array alike: np.tanh(x), "
            "np.maximum(0, x), np.where(x > 0, 1.0, 0.0). Before using an operator such as - "
            "or >, convert: x = np.asarray(x, dtype=float).",
            "(e^x - e^-x) / (e^x + e^-x) overflows: e^1000 is inf, and inf / inf is nan. "
            "np.tanh(x) stays finite (tanh(1000.0) is 1.0), and tanh_prime(x) = "
            "1 - np.tanh(x)**2.",
            "relu(x) is np.maximum(0, x), not max or np.max. relu_prime is 1 only where x > 0, "
            "so relu_prime(0) is 0: np.where(x > 0, 1.0, 0.0).",
            "sigmoid_prime(x) = sigmoid(x) * (1 - sigmoid(x)) is largest at x = 0, where it is "
            "0.25, so n stacked sigmoid layers scale a gradient by at most 0.25 ** n: that is "
            "vanishing(n).",
        ),
    ),
    Exercise(
        name="regularization",
        title="L1 and L2 regularisation",
        section="Training neural networks: regularisation",
        points=10,
        task="Write the L1 and L2 penalties, their gradients, and regularized_step, one step "
        "of gradient descent with either penalty.",
        hints=(
            "l1_penalty = lam * np.sum(np.abs(weights)) and l2_penalty = lam * "
            "np.sum(weights**2): one number each, summed over every weight, with no 1/2 and no "
            "square root.",
            "l1_gradient = lam * np.sign(weights), which is 0 where a weight is 0; l2_gradient "
            "= 2 * lam * weights (the derivative of w**2 is 2 * w).",
            "regularized_step returns weights - learnrate * (gradient + penalty_gradient), "
            "with the penalty's gradient chosen by kind (\"l1\" or \"l2\"); for any other "
            "kind, raise ValueError.",
            "L1 should leave the useless weights at 0 (give or take one step), L2 should keep "
            "them small but not 0: if a training check fails, fix the step's own tests first.",
        ),
    ),
    Exercise(
        name="dropout",
        title="Dropout",
        section="Training neural networks: dropout",
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
        name="sgd_momentum",
        title="SGD with momentum",
        section="Training neural networks: SGD and momentum",
        points=12,
        task="Write minibatches, momentum_step and train_sgd: logistic regression trained on "
        "shuffled mini-batches, with momentum.",
        hints=(
            "minibatches: order = np.random.permutation(len(features)), then features[order] "
            "and targets[order] (one order for both), cut with range(0, len(features), "
            "batch_size); the last batch may be smaller. Return a list of (features_batch, "
            "targets_batch) pairs.",
            "momentum_step: velocity = beta * velocity + gradient first, then weights = "
            "weights - learnrate * velocity; return weights, velocity.",
            "train_sgd: velocity = np.zeros_like(weights) once, before the loops; in each epoch "
            "call minibatches once, and for each batch use gradient = features_batch.T @ "
            "(sigmoid(features_batch @ weights) - targets_batch) / len(targets_batch).",
            "Momentum pays when one direction is much flatter than another: the velocity "
            "builds up along it. If beta = 0.9 does no better than beta = 0, the velocity is "
            "probably reset or never passed on.",
        ),
    ),
    Exercise(
        name="early_stopping",
        title="Early stopping",
        section="Training neural networks: early stopping",
        points=10,
        task="Write best_epoch, should_stop and stopping_point, which replays a recorded run "
        "and says where early stopping stops and which epoch it keeps.",
        hints=(
            "np.argmin(validation_errors) is the index of the lowest error, the first one on a "
            "tie. An empty list has no best epoch: raise ValueError (np.argmin and min already "
            "do).",
            "While len(validation_errors) < patience + 1, return False. Then stop when "
            "min(validation_errors[-patience:]) >= min(validation_errors[:-patience]): an error "
            "equal to the best is no better.",
            "Replay: for k = 0, 1, 2, ... ask should_stop(validation_errors[:k + 1], patience) "
            "and stop at the first True (at the last epoch if none is). The best epoch is "
            "best_epoch(validation_errors[:stop_epoch + 1]), not of the whole run.",
            "validation_errors may be a NumPy array: `if not validation_errors:` and .index() "
            "fail on arrays, while len(), slicing, min() and np.argmin work on both.",
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
