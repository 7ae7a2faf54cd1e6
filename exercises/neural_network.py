"""The bike-sharing project: a neural network class that predicts how many bikes are rented.

The network has one hidden layer of sigmoid units and one output unit. It predicts a number of
rides, not a probability, so the output layer is the identity: f(x) = x. Inputs are handled as
columns, so each weight matrix has one row per unit of the layer it feeds:

    weights_input_to_hidden   shape (hidden_nodes, input_nodes),  from normal(0, hidden_nodes**-0.5)
    weights_hidden_to_output  shape (output_nodes, hidden_nodes), from normal(0, output_nodes**-0.5)

train(inputs_list, targets_list) learns from ONE record. With W1 = weights_input_to_hidden and
W2 = weights_hidden_to_output, and the record as a column x:

    forward:   hidden_outputs = sigmoid(W1 @ x)        final_outputs = W2 @ hidden_outputs
    backward:  output_delta = targets - final_outputs  (times 1, the derivative of f(x) = x)
               hidden_delta = (W2.T @ output_delta) * hidden_outputs * (1 - hidden_outputs)
    update:    W2 += lr * output_delta @ hidden_outputs.T    W1 += lr * hidden_delta @ x.T

(both deltas first, then both updates, stored back in self.weights_... so that run() sees them).
run(inputs_list) does the forward pass only and returns the output column, shape (output_nodes, 1).

Check your work with:  grader check neural_network.py
"""

import numpy as np


class NeuralNetwork:
    def sigmoid(self, x):
        return 1 / (1 + np.exp(-x))

    def __init__(self, input_nodes, hidden_nodes, output_nodes, learning_rate):
        # Set number of nodes in input, hidden and output layers.
        self.input_nodes = input_nodes
        self.hidden_nodes = hidden_nodes
        self.output_nodes = output_nodes
        self.lr = learning_rate

        # TODO: Initialize the weights (np.random.normal(mean, standard deviation, shape)):
        #   self.weights_input_to_hidden  = ...
        #   self.weights_hidden_to_output = ...
        # TODO: Set self.activation_function to the sigmoid.
        raise NotImplementedError

    def train(self, inputs_list, targets_list):
        # Convert inputs list to 2d array, column vector:
        #   inputs = np.array(inputs_list, ndmin=2).T
        #   targets = np.array(targets_list, ndmin=2).T
        # TODO: Forward pass (hidden layer, then output layer).
        # TODO: Backward pass (output_delta, hidden_delta).
        # TODO: Update self.weights_hidden_to_output and self.weights_input_to_hidden.
        raise NotImplementedError

    def run(self, inputs_list):
        # Run a forward pass through the network:
        #   inputs = np.array(inputs_list, ndmin=2).T
        # TODO: Hidden layer, then output layer; return final_outputs.
        raise NotImplementedError


if __name__ == "__main__":
    # The project's training loop, shortened, on a generated bike-sharing-like data set.
    from grader.course.datasets import bike_sharing

    def MSE(y, Y):
        return np.mean((y - Y) ** 2)

    data = bike_sharing(seed=42)
    np.random.seed(42)
    network = NeuralNetwork(data.train_features.shape[1], 10, 1, 0.05)
    for ii in range(200):
        # Go through a random batch of 64 records from the training data set
        batch = np.random.choice(len(data.train_features), size=64)
        for record, target in zip(data.train_features[batch], data.train_targets[batch],
                                  strict=True):
            network.train(record, target)
        if ii % 40 == 39:
            train_loss = MSE(network.run(data.train_features).T[:, 0], data.train_targets)
            val_loss = MSE(network.run(data.val_features).T[:, 0], data.val_targets)
            print(f"Progress: {(ii + 1) / 2:.0f}% ... Training loss: {train_loss:.3f} "
                  f"... Validation loss: {val_loss:.3f}")
