"""Backpropagation: how much should each weight change to shrink the error?

One sigmoid unit first. For an input x with weights w, the unit outputs y_hat = sigmoid(h) with
h = x . w. For the squared error, the error term is

    error_term = (y - y_hat) * sigmoid'(h)        where sigmoid'(h) = sigmoid(h) * (1 - sigmoid(h))
               = (y - y_hat) * y_hat * (1 - y_hat)

and gradient descent changes the weights by  del_w = learnrate * error_term * x.

A two-layer network (sigmoid hidden layer, sigmoid output) runs forward, then sends the error
back: the output's error term is spread over the hidden units through the hidden-to-output
weights, and multiplied by each hidden unit's own sigmoid derivative. Then

    delta_w_h_o = learnrate * output_error_term * hidden_layer_output          shape (n_hidden,)
    delta_w_i_h = learnrate * hidden_error_term * x[:, None]          shape (n_inputs, n_hidden)

Write sigmoid_prime, error_term_formula, gradient_step and backprop below. Each returns its
value (numbers or NumPy arrays); backprop returns the tuple (delta_w_i_h, delta_w_h_o).

Check your work with:  grader check backprop.py
"""

import numpy as np


def sigmoid(x):
    """The activation function (given by the course)."""
    return 1 / (1 + np.exp(-x))


def sigmoid_prime(x):
    """The derivative of the sigmoid at x, element-wise."""
    raise NotImplementedError


def error_term_formula(y, output):
    """The error term of a sigmoid output unit: the error times the sigmoid's derivative."""
    raise NotImplementedError


def gradient_step(x, y, weights, learnrate):
    """One sigmoid unit: return del_w, the change of each weight after seeing (x, y)."""
    raise NotImplementedError


def backprop(x, target, weights_input_hidden, weights_hidden_output, learnrate):
    """Forward pass, then backward pass: return (delta_w_i_h, delta_w_h_o)."""
    raise NotImplementedError


if __name__ == "__main__":
    # Section 13: one sigmoid unit.
    x = np.array([0.1, 0.3])
    y = 0.2
    weights = np.array([-0.8, 0.5])
    learnrate = 0.5
    nn_output = sigmoid(np.dot(x, weights))
    print("Neural Network output:")
    print(nn_output)
    print("Amount of Error:")
    print(y - nn_output)
    print("Change in Weights:")
    print(gradient_step(x, y, weights, learnrate))

    # Section 14: a two-layer network.
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
