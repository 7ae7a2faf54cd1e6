# Records as rows (the transpose of the course's columns), weights reassigned rather than +=,
# and the output layer's weights drawn first.
import numpy as np


class NeuralNetwork:
    def sigmoid(self, x):
        return np.exp(-np.logaddexp(0, -x))

    def __init__(self, input_nodes, hidden_nodes, output_nodes, learning_rate):
        self.input_nodes = input_nodes
        self.hidden_nodes = hidden_nodes
        self.output_nodes = output_nodes
        self.lr = learning_rate
        self.activation_function = self.sigmoid
        self.weights_hidden_to_output = np.random.randn(output_nodes, hidden_nodes) / np.sqrt(output_nodes)
        self.weights_input_to_hidden = np.random.randn(hidden_nodes, input_nodes) / np.sqrt(hidden_nodes)

    def train(self, inputs_list, targets_list):
        x = np.atleast_2d(np.asarray(inputs_list, dtype=float))        # (1, input_nodes)
        y = np.atleast_2d(np.asarray(targets_list, dtype=float))       # (1, output_nodes)
        h = self.activation_function(x @ self.weights_input_to_hidden.T)  # (1, hidden_nodes)
        out = h @ self.weights_hidden_to_output.T                       # (1, output_nodes)
        delta_out = y - out
        delta_hidden = delta_out @ self.weights_hidden_to_output * h * (1 - h)
        self.weights_hidden_to_output = self.weights_hidden_to_output + self.lr * delta_out.T @ h
        self.weights_input_to_hidden = self.weights_input_to_hidden + self.lr * delta_hidden.T @ x

    def run(self, inputs_list):
        x = np.atleast_2d(np.asarray(inputs_list, dtype=float))
        h = self.activation_function(x @ self.weights_input_to_hidden.T)
        return (h @ self.weights_hidden_to_output.T).T
