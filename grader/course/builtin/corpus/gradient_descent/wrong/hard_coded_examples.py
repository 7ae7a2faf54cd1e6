# ceiling: 0 — must fail every test: each random twin fails, so no example counts
# Memorised: every example the report shows, looked up by its inputs; anything else gets a
# guess (the common slips: exp(x) for the sigmoid, no bias, log base 10, the squared-error
# step). It may earn at most 20%.
import numpy as np

SIGMOIDS = {0.0: 0.5, 2.0: 0.8807970779778823, -2.0: 0.11920292202211755,
            (-3.0, -1.0, 0.0, 1.0, 3.0): [0.04742587, 0.26894142, 0.5, 0.73105858, 0.95257413]}
OUTPUTS = {(0.5, 0.2): 0.54487889,
           (0.5, 0.2, 1.0, 1.0, -2.0, 0.5): [0.54487889, 0.47502081, 0.26894142]}
ERRORS = {(1.0, 0.8): 0.22314355, (0.0, 0.8): 1.60943791,
          (1.0, 0.0, 1.0, 0.9, 0.2, 0.4): [0.10536052, 0.22314355, 0.91629073]}
UPDATES = {1: ([0.32000266, 0.3279984], 0.34000533), 0: ([0.07000266, 0.4779984], -0.15999467)}
# The weights and bias the course's train ends at on the 16 points the report shows.
TRAINED = ([3.39052592, 6.09805665], -4.64973584)


def key_of(*values):
    flat = np.concatenate([np.ravel(np.asarray(value, dtype=float)) for value in values])
    return float(flat[0]) if flat.size == 1 else tuple(float(v) for v in flat)


def sigmoid(x):
    key = key_of(x)
    if key in SIGMOIDS:
        return np.array(SIGMOIDS[key]) if isinstance(SIGMOIDS[key], list) else SIGMOIDS[key]
    return 1 / (1 + np.exp(x))


def output_formula(features, weights, bias):
    key = key_of(features)
    if key in OUTPUTS and key_of(weights, bias) == (0.4, -0.6, 0.1):
        shown = OUTPUTS[key]
        return np.array(shown) if isinstance(shown, list) else shown
    return sigmoid(np.matmul(features, weights))


def error_formula(y, output):
    key = key_of(y, output)
    if key in ERRORS:
        shown = ERRORS[key]
        return np.array(shown) if isinstance(shown, list) else shown
    return -y * np.log10(output) - (1 - y) * np.log10(1 - output)


def update_weights(x, y, weights, bias, learnrate):
    if key_of(x, weights, bias, learnrate) == (0.5, -0.3, 0.2, 0.4, 0.1, 0.5) and y in UPDATES:
        shown_weights, shown_bias = UPDATES[y]
        return np.array(shown_weights), shown_bias
    output = output_formula(x, weights, bias)
    d_error = -(y - output) * output * (1 - output)
    return weights - learnrate * d_error * x, bias - learnrate * d_error


def train(features, targets, epochs, learnrate):
    if key_of(features)[:4] == (0.04, 0.57, 0.98, 0.78) and len(features) == 16:
        return np.array(TRAINED[0]), TRAINED[1]
    weights = np.random.normal(scale=1 / features.shape[1] ** .5, size=features.shape[1])
    bias = 0
    for _ in range(epochs):
        for x, y in zip(features, targets, strict=True):
            weights, bias = update_weights(x, y, weights, bias, learnrate)
    return weights, bias
