# ceiling: 11 — must fail train_known_values, train_random, trains_on_the_shown_bike_sharing_data and trains_on_bike_sharing_data
# The updates forget self.lr.
# expect: the learning rate is ignored: multiply both updates by self.lr.
import numpy as np


class NeuralNetwork(object):
    def sigmoid(self, x):
        return 1 / (1 + np.exp(-x))

    def __init__(self, input_nodes, hidden_nodes, output_nodes, learning_rate):
        self.input_nodes = input_nodes
        self.hidden_nodes = hidden_nodes
        self.output_nodes = output_nodes
        self.weights_input_to_hidden = np.random.normal(0.0, self.hidden_nodes**-0.5, (self.hidden_nodes, self.input_nodes))
        self.weights_hidden_to_output = np.random.normal(0.0, self.output_nodes**-0.5, (self.output_nodes, self.hidden_nodes))
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
        self.weights_hidden_to_output += np.dot(output_delta, hidden_outputs.T)
        self.weights_input_to_hidden += np.dot(hidden_delta, inputs.T)

    def run(self, inputs_list):
        inputs = np.array(inputs_list, ndmin=2).T
        hidden_inputs = np.dot(self.weights_input_to_hidden, inputs)
        hidden_outputs = self.activation_function(hidden_inputs)
        final_inputs = np.dot(self.weights_hidden_to_output, hidden_outputs)
        final_outputs = final_inputs
        return final_outputs
