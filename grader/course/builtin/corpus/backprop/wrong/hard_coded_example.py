# ceiling: 4 — must fail gradient_step_seed_example, gradient_step_random, backprop_seed_example, backprop_random_networks and backprop_matches_numerical_gradient
# The course's printed answers, pasted in: right for the examples, wrong for any other network.
import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def sigmoid_prime(x):
    return sigmoid(x) * (1 - sigmoid(x))


def error_term_formula(y, output):
    return (y - output) * output * (1 - output)


def gradient_step(x, y, weights, learnrate):
    return np.array([-0.00396369, -0.01189106])


def backprop(x, target, weights_input_hidden, weights_hidden_output, learnrate):
    delta_w_h_o = np.array([0.00804047, 0.00555918])
    delta_w_i_h = np.array([[1.77005547e-04, -5.11178506e-04],
                            [3.54011093e-05, -1.02235701e-04],
                            [-7.08022187e-05, 2.04471402e-04]])
    return delta_w_i_h, delta_w_h_o
