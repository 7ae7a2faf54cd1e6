# One hidden unit at a time, with Python loops and np.dot on rows.
import numpy as np


class NeuralNetwork(object):
    def sigmoid(self, x):
        return 1 / (1 + np.exp(-x))

    def __init__(self, input_nodes, hidden_nodes, output_nodes, learning_rate):
        self.input_nodes = input_nodes
        self.hidden_nodes = hidden_nodes
        self.output_nodes = output_nodes
        self.weights_input_to_hidden = np.random.normal(0.0, self.hidden_nodes**-0.5,
                                                        (self.hidden_nodes, self.input_nodes))
        self.weights_hidden_to_output = np.random.normal(0.0, self.output_nodes**-0.5,
                                                         (self.output_nodes, self.hidden_nodes))
        self.lr = learning_rate
        self.activation_function = self.sigmoid

    def train(self, inputs_list, targets_list):
        x = np.array(inputs_list, dtype=float).reshape(-1)
        t = np.array(targets_list, dtype=float).reshape(-1)
        hidden = np.array([self.activation_function(np.dot(row, x))
                           for row in self.weights_input_to_hidden])
        out = np.array([np.dot(row, hidden) for row in self.weights_hidden_to_output])
        error = t - out
        hidden_error = np.zeros(self.hidden_nodes)
        for j in range(self.hidden_nodes):
            for k in range(self.output_nodes):
                hidden_error[j] += self.weights_hidden_to_output[k, j] * error[k]
            hidden_error[j] *= hidden[j] * (1 - hidden[j])
        for k in range(self.output_nodes):
            self.weights_hidden_to_output[k] += self.lr * error[k] * hidden
        for j in range(self.hidden_nodes):
            self.weights_input_to_hidden[j] += self.lr * hidden_error[j] * x

    def run(self, inputs_list):
        inputs = np.array(inputs_list, ndmin=2).T
        hidden = self.activation_function(np.dot(self.weights_input_to_hidden, inputs))
        return np.dot(self.weights_hidden_to_output, hidden)
