# ceiling: 6 — must fail backprop_seed_example, backprop_random_networks and backprop_matches_numerical_gradient
# A learner forgets the hidden layer's sigmoid derivative.
# expect: missing the hidden layer's sigmoid derivative
import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def sigmoid_prime(x):
    return sigmoid(x) * (1 - sigmoid(x))


def error_term_formula(y, output):
    return (y - output) * output * (1 - output)


def gradient_step(x, y, weights, learnrate):
    h = np.dot(x, weights)
    output = sigmoid(h)
    error_term = (y - output) * sigmoid_prime(h)
    return learnrate * error_term * x


def backprop(x, target, weights_input_hidden, weights_hidden_output, learnrate):
    hidden_layer_output = sigmoid(np.dot(x, weights_input_hidden))
    output = sigmoid(np.dot(hidden_layer_output, weights_hidden_output))
    error = target - output
    output_error_term = error * output * (1 - output)
    hidden_error_term = np.dot(output_error_term, weights_hidden_output)
    delta_w_h_o = learnrate * output_error_term * hidden_layer_output
    delta_w_i_h = learnrate * hidden_error_term * x[:, None]
    return delta_w_i_h, delta_w_h_o
