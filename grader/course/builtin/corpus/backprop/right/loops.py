# Everything with Python loops and lists, the way the course first writes del_w.
import math

import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def sigmoid_prime(x):
    s = sigmoid(x)
    return s * (1 - s)


def error_term_formula(y, output):
    error = y - output
    return error * output * (1 - output)


def gradient_step(x, y, weights, learnrate):
    h = 0.0
    for i in range(len(x)):
        h += x[i] * weights[i]
    nn_output = 1 / (1 + math.exp(-h))
    error_term = (y - nn_output) * sigmoid_prime(h)
    del_w = []
    for i in range(len(x)):
        del_w.append(learnrate * error_term * x[i])
    return del_w


def backprop(x, target, weights_input_hidden, weights_hidden_output, learnrate):
    n_inputs, n_hidden = len(weights_input_hidden), len(weights_input_hidden[0])
    hidden_in = [sum(x[i] * weights_input_hidden[i][j] for i in range(n_inputs))
                 for j in range(n_hidden)]
    hidden = [1 / (1 + math.exp(-h)) for h in hidden_in]
    output = 1 / (1 + math.exp(-sum(hidden[j] * weights_hidden_output[j]
                                    for j in range(n_hidden))))
    output_error_term = (target - output) * output * (1 - output)
    hidden_error_term = [output_error_term * weights_hidden_output[j] * hidden[j] * (1 - hidden[j])
                         for j in range(n_hidden)]
    delta_w_h_o = [learnrate * output_error_term * hidden[j] for j in range(n_hidden)]
    delta_w_i_h = [[learnrate * hidden_error_term[j] * x[i] for j in range(n_hidden)]
                   for i in range(n_inputs)]
    return delta_w_i_h, delta_w_h_o
