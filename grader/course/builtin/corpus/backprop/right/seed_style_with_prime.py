# The course's own code, with sigmoid_prime on the layers' inputs and reshape for the column.
import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def sigmoid_prime(x):
    return sigmoid(x) * (1 - sigmoid(x))


def error_term_formula(y, output):
    return (y - output) * output * (1 - output)


def gradient_step(x, y, weights, learnrate):
    h = np.dot(x, weights)
    nn_output = sigmoid(h)
    error = y - nn_output
    output_grad = sigmoid_prime(h)
    error_term = error * output_grad
    del_w = learnrate * error_term * x
    return del_w


def backprop(x, target, weights_input_hidden, weights_hidden_output, learnrate):
    hidden_layer_input = np.dot(x, weights_input_hidden)
    hidden_layer_output = sigmoid(hidden_layer_input)
    output_layer_in = np.dot(hidden_layer_output, weights_hidden_output)
    output = sigmoid(output_layer_in)
    error = target - output
    output_error_term = error * sigmoid_prime(output_layer_in)
    hidden_error_term = np.dot(weights_hidden_output, output_error_term) * \
        sigmoid_prime(hidden_layer_input)
    delta_w_h_o = learnrate * output_error_term * hidden_layer_output
    delta_w_i_h = learnrate * x.reshape(-1, 1) * hidden_error_term.reshape(1, -1)
    return delta_w_i_h, delta_w_h_o
