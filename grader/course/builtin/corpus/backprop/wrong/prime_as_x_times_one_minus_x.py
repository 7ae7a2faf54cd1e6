# ceiling: 8 — must fail sigmoid_prime and sigmoid_prime_random
# sigmoid_prime written in terms of the activation; backprop itself is right.
# expect: that form needs the sigmoid's output, not its input
import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def sigmoid_prime(x):
    return x * (1 - x)


def error_term_formula(y, output):
    return (y - output) * sigmoid_prime(output)


def gradient_step(x, y, weights, learnrate):
    output = sigmoid(np.dot(x, weights))
    return learnrate * error_term_formula(y, output) * x


def backprop(x, target, weights_input_hidden, weights_hidden_output, learnrate):
    hidden_layer_output = sigmoid(np.dot(x, weights_input_hidden))
    output = sigmoid(np.dot(hidden_layer_output, weights_hidden_output))
    output_error_term = error_term_formula(target, output)
    hidden_error_term = np.dot(output_error_term, weights_hidden_output) * sigmoid_prime(hidden_layer_output)
    delta_w_h_o = learnrate * output_error_term * hidden_layer_output
    delta_w_i_h = learnrate * hidden_error_term * x[:, None]
    return delta_w_i_h, delta_w_h_o
