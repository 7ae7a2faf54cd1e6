# ceiling: 2 — must fail error_term_formula, error_term_formula_random, gradient_step_seed_example, gradient_step_random, backprop_seed_example, backprop_random_networks and backprop_matches_numerical_gradient
# The error term forgets the sigmoid's derivative (the log-loss gradient, not squared error).
# expect: the error is not multiplied by the sigmoid's derivative, output * (1 - output).
# expect: the output error term is missing the sigmoid's derivative
import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def sigmoid_prime(x):
    return sigmoid(x) * (1 - sigmoid(x))


def error_term_formula(y, output):
    return y - output


def gradient_step(x, y, weights, learnrate):
    output = sigmoid(np.dot(x, weights))
    return learnrate * error_term_formula(y, output) * x


def backprop(x, target, weights_input_hidden, weights_hidden_output, learnrate):
    hidden_layer_output = sigmoid(np.dot(x, weights_input_hidden))
    output = sigmoid(np.dot(hidden_layer_output, weights_hidden_output))
    output_error_term = error_term_formula(target, output)
    hidden_error_term = np.dot(output_error_term, weights_hidden_output) * hidden_layer_output * (1 - hidden_layer_output)
    delta_w_h_o = learnrate * output_error_term * hidden_layer_output
    delta_w_i_h = learnrate * hidden_error_term * x[:, None]
    return delta_w_i_h, delta_w_h_o
