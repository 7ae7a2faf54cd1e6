# ceiling: 14 — must fail initial_weights and initial_weights_random
# np.random.rand: every weight between 0 and 1.
# expect: np.random.rand and np.random.random draw from [0, 1)
import numpy as np


class NeuralNetwork(object):
    def sigmoid(self, x):
        return 1 / (1 + np.exp(-x))

    def __init__(self, input_nodes, hidden_nodes, output_nodes, learning_rate):
        self.input_nodes = input_nodes
        self.hidden_nodes = hidden_nodes
        self.output_nodes = output_nodes
        self.weights_input_to_hidden = np.random.rand(self.hidden_nodes, self.input_nodes) * self.hidden_nodes**-0.5
        self.weights_hidden_to_output = np.random.rand(self.output_nodes, self.hidden_nodes) * self.output_nodes**-0.5
        self.lr = learning_rate
        self.activation_function = self.sigmoid

    def train(self, inputs_list, targets_list):
        inputs = np.array(inputs_list, ndmin=2).T
        targets = np.array(targets_list, ndmin=2).T
        hidden_inputs = np.dot(self.weights_input_to_hidden, inputs)
        hidden_outputs = self.activation_function(hidden_inputs)
        final_inputs = np.dot(self.weights_hidden_to_output, hidden_outputs)
        final_outputs = final_inputs
        output_delta = (targets - final_outputs) * 1
        hidden_delta = np.dot(self.weights_hidden_to_output.T, output_delta) * hidden_outputs * (1 - hidden_outputs)
        self.weights_hidden_to_output += self.lr * np.dot(output_delta, hidden_outputs.T)
        self.weights_input_to_hidden += self.lr * np.dot(hidden_delta, inputs.T)

    def run(self, inputs_list):
        inputs = np.array(inputs_list, ndmin=2).T
        hidden_inputs = np.dot(self.weights_input_to_hidden, inputs)
        hidden_outputs = self.activation_function(hidden_inputs)
        final_inputs = np.dot(self.weights_hidden_to_output, hidden_outputs)
        final_outputs = final_inputs
        return final_outputs
