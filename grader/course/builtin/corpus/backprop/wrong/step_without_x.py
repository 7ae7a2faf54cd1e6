# ceiling: 4 — must fail gradient_step_seed_example, gradient_step_random, backprop_seed_example, backprop_random_networks and backprop_matches_numerical_gradient
# gradient_step returns the error term times the learning rate, not one change per weight;
# backprop returns its deltas in the wrong order.
# expect: del_w needs one change per weight: multiply by x.
# expect: backprop returned the two deltas in the wrong order
import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def sigmoid_prime(x):
    return sigmoid(x) * (1 - sigmoid(x))


def error_term_formula(y, output):
    return (y - output) * output * (1 - output)


def gradient_step(x, y, weights, learnrate):
    output = sigmoid(np.dot(x, weights))
    return learnrate * error_term_formula(y, output)


def backprop(x, target, weights_input_hidden, weights_hidden_output, learnrate):
    hidden_layer_output = sigmoid(np.dot(x, weights_input_hidden))
    output = sigmoid(np.dot(hidden_layer_output, weights_hidden_output))
    output_error_term = error_term_formula(target, output)
    hidden_error_term = np.dot(output_error_term, weights_hidden_output) * hidden_layer_output * (1 - hidden_layer_output)
    delta_w_h_o = learnrate * output_error_term * hidden_layer_output
    delta_w_i_h = learnrate * hidden_error_term * x[:, None]
    return delta_w_h_o, delta_w_i_h
