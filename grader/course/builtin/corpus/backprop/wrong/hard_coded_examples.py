# ceiling: 0 — must fail every test: each random twin fails, so no example counts
# Memorised: every example the report shows, looked up by its inputs; anything else gets a
# guess (the sigmoid for its derivative, the raw error for the error term, deltas without the
# derivatives). It may earn at most 20%.
import numpy as np

PRIMES = {0.0: 0.25,
          (-3.0, -0.5, 0.0, 1.0, 2.5): [0.04517666, 0.23500371, 0.25, 0.19661193, 0.07010372]}
ERROR_TERMS = {(0.6, 0.3): 0.063, (0.2, 0.5174928): -0.07927605, (1.0, 0.9): 0.009}
STEP = [-0.0039638, -0.01189141]
DELTA_W_H_O = [0.00804047, 0.00555918]
DELTA_W_I_H = [[1.77005547e-04, -5.11178506e-04],
               [3.54011093e-05, -1.02235701e-04],
               [-7.08022187e-05, 2.04471402e-04]]


def key_of(*values):
    flat = np.concatenate([np.ravel(np.asarray(value, dtype=float)) for value in values])
    return float(flat[0]) if flat.size == 1 else tuple(float(v) for v in flat)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def sigmoid_prime(x):
    key = key_of(x)
    if key in PRIMES:
        return np.array(PRIMES[key]) if isinstance(PRIMES[key], list) else PRIMES[key]
    return sigmoid(x)


def error_term_formula(y, output):
    return ERROR_TERMS.get(key_of(y, output), y - output)


def gradient_step(x, y, weights, learnrate):
    if key_of(x, y, weights, learnrate) == (0.1, 0.3, 0.2, -0.8, 0.5, 0.5):
        return np.array(STEP)
    return learnrate * (y - sigmoid(np.dot(x, weights))) * np.asarray(x)


def backprop(x, target, weights_input_hidden, weights_hidden_output, learnrate):
    if key_of(x, target) == (0.5, 0.1, -0.2, 0.6):
        return np.array(DELTA_W_I_H), np.array(DELTA_W_H_O)
    hidden = sigmoid(np.dot(x, weights_input_hidden))
    output = sigmoid(np.dot(hidden, weights_hidden_output))
    error = target - output
    return (learnrate * error * weights_hidden_output * np.asarray(x)[:, None],
            learnrate * error * hidden)
