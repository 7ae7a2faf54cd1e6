# The @ operator, np.outer for the updates, and a forward pass shared by train and run.
import numpy as np


class NeuralNetwork:
    def sigmoid(self, x):
        return 1.0 / (1.0 + np.exp(-x))

    def __init__(self, input_nodes, hidden_nodes, output_nodes, learning_rate):
        self.input_nodes, self.hidden_nodes, self.output_nodes = input_nodes, hidden_nodes, output_nodes
        self.lr = learning_rate
        self.weights_input_to_hidden = np.random.normal(0.0, hidden_nodes ** -0.5, size=(hidden_nodes, input_nodes))
        self.weights_hidden_to_output = np.random.normal(0.0, output_nodes ** -0.5, size=(output_nodes, hidden_nodes))
        self.activation_function = lambda x: self.sigmoid(x)

    def _forward(self, x):
        hidden = self.activation_function(self.weights_input_to_hidden @ x)
        return hidden, self.weights_hidden_to_output @ hidden

    def train(self, inputs_list, targets_list):
        x = np.asarray(inputs_list, dtype=float).ravel()
        y = np.asarray(targets_list, dtype=float).ravel()
        hidden, out = self._forward(x)
        output_error = y - out
        hidden_error = (self.weights_hidden_to_output.T @ output_error) * hidden * (1.0 - hidden)
        self.weights_hidden_to_output += self.lr * np.outer(output_error, hidden)
        self.weights_input_to_hidden += self.lr * np.outer(hidden_error, x)

    def run(self, inputs_list):
        inputs = np.array(inputs_list, ndmin=2).T
        return self._forward(inputs)[1]
