# np.outer and the @ operator; sigmoid_prime through the symmetry sigmoid(-x).
import numpy as np


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def sigmoid_prime(x):
    return sigmoid(x) * sigmoid(-x)


def error_term_formula(y, output):
    return (y - output) * output * (1 - output)


def gradient_step(x, y, weights, learnrate):
    x = np.asarray(x, dtype=float)
    output = sigmoid(x @ np.asarray(weights, dtype=float))
    return learnrate * error_term_formula(y, output) * x


def backprop(x, target, weights_input_hidden, weights_hidden_output, learnrate):
    hidden = sigmoid(x @ weights_input_hidden)
    output = sigmoid(hidden @ weights_hidden_output)
    output_error_term = error_term_formula(target, output)
    hidden_error_term = weights_hidden_output * output_error_term * hidden * (1 - hidden)
    return (learnrate * np.outer(x, hidden_error_term),
            learnrate * output_error_term * hidden)
