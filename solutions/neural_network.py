"""Reference solution: the course's NeuralNetwork class from the bike-sharing project."""

import numpy as np


class NeuralNetwork:
    def sigmoid(self, x):
        return 1 / (1 + np.exp(-x))

    def __init__(self, input_nodes, hidden_nodes, output_nodes, learning_rate):
        # Set number of nodes in input, hidden and output layers.
        self.input_nodes = input_nodes
        self.hidden_nodes = hidden_nodes
        self.output_nodes = output_nodes

        # Initialize weights
        self.weights_input_to_hidden = np.random.normal(
            0.0, self.hidden_nodes**-0.5, (self.hidden_nodes, self.input_nodes))
        self.weights_hidden_to_output = np.random.normal(
            0.0, self.output_nodes**-0.5, (self.output_nodes, self.hidden_nodes))
        self.lr = learning_rate

        # Activation function is the sigmoid function
        self.activation_function = self.sigmoid

    def train(self, inputs_list, targets_list):
        # Convert inputs list to 2d array, column vector
        inputs = np.array(inputs_list, ndmin=2).T
        targets = np.array(targets_list, ndmin=2).T

        # Forward pass: sigmoid hidden layer, identity output layer
        hidden_inputs = np.dot(self.weights_input_to_hidden, inputs)
        hidden_outputs = self.activation_function(hidden_inputs)
        final_inputs = np.dot(self.weights_hidden_to_output, hidden_outputs)
        final_outputs = final_inputs

        # Backward pass: 1 is the gradient of f(x) = x
        output_delta = (targets - final_outputs) * 1
        hidden_delta = np.dot(self.weights_hidden_to_output.T, output_delta) * \
            hidden_outputs * (1 - hidden_outputs)

        # Update the weights
        self.weights_hidden_to_output += self.lr * np.dot(output_delta, hidden_outputs.T)
        self.weights_input_to_hidden += self.lr * np.dot(hidden_delta, inputs.T)

    def run(self, inputs_list):
        # Run a forward pass through the network
        inputs = np.array(inputs_list, ndmin=2).T
        hidden_inputs = np.dot(self.weights_input_to_hidden, inputs)
        hidden_outputs = self.activation_function(hidden_inputs)
        final_inputs = np.dot(self.weights_hidden_to_output, hidden_outputs)
        final_outputs = final_inputs
        return final_outputs


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
