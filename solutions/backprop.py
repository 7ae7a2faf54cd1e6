"""Reference solution: the course's sigmoid unit and two-layer backpropagation (sections 12-14)."""

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
    error_term = (y - nn_output) * sigmoid_prime(h)
    return learnrate * error_term * np.asarray(x)


def backprop(x, target, weights_input_hidden, weights_hidden_output, learnrate):
    hidden_layer_input = np.dot(x, weights_input_hidden)
    hidden_layer_output = sigmoid(hidden_layer_input)
    output_layer_in = np.dot(hidden_layer_output, weights_hidden_output)
    output = sigmoid(output_layer_in)

    output_error_term = error_term_formula(target, output)
    hidden_error_term = np.dot(output_error_term, weights_hidden_output) * \
        hidden_layer_output * (1 - hidden_layer_output)

    delta_w_h_o = learnrate * output_error_term * hidden_layer_output
    delta_w_i_h = learnrate * hidden_error_term * np.asarray(x)[:, None]
    return delta_w_i_h, delta_w_h_o


if __name__ == "__main__":
    x = np.array([0.5, 0.1, -0.2])
    target = 0.6
    learnrate = 0.5
    weights_input_hidden = np.array([[0.5, -0.6], [0.1, -0.2], [0.1, 0.7]])
    weights_hidden_output = np.array([0.1, -0.3])
    delta_w_i_h, delta_w_h_o = backprop(x, target, weights_input_hidden, weights_hidden_output,
                                        learnrate)
    print("Change in weights for hidden layer to output layer:")
    print(delta_w_h_o)
    print("Change in weights for input layer to hidden layer:")
    print(delta_w_i_h)
