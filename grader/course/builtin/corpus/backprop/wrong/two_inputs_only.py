# ceiling: 8 — must fail gradient_step_seed_example and gradient_step_random
# The course's del_w written out for two inputs: right for its example, wrong for any other unit.
# expect: only works for two inputs
import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def sigmoid_prime(x):
    return sigmoid(x) * (1 - sigmoid(x))


def error_term_formula(y, output):
    return (y - output) * output * (1 - output)


def gradient_step(x, y, weights, learnrate):
    h = x[0] * weights[0] + x[1] * weights[1]
    nn_output = sigmoid(h)
    error_term = (y - nn_output) * sigmoid_prime(h)
    del_w = [learnrate * error_term * x[0], learnrate * error_term * x[1]]
    return del_w


def backprop(x, target, weights_input_hidden, weights_hidden_output, learnrate):
    hidden_layer_output = sigmoid(np.dot(x, weights_input_hidden))
    output = sigmoid(np.dot(hidden_layer_output, weights_hidden_output))
    output_error_term = error_term_formula(target, output)
    hidden_error_term = np.dot(output_error_term, weights_hidden_output) * hidden_layer_output * (1 - hidden_layer_output)
    delta_w_h_o = learnrate * output_error_term * hidden_layer_output
    delta_w_i_h = learnrate * hidden_error_term * x[:, None]
    return delta_w_i_h, delta_w_h_o
