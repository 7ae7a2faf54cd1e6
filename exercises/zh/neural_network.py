"""共享单车项目：一个预测自行车租用数量的神经网络类。

网络有一个由 sigmoid 单元组成的隐藏层和一个输出单元。它预测的是骑行次数，
不是概率，所以输出层是恒等函数：f(x) = x。输入按列处理，所以每个权重矩阵中，
它所输入的那一层的每个单元占一行：

    weights_input_to_hidden   形状 (hidden_nodes, input_nodes)，取自 normal(0, hidden_nodes**-0.5)
    weights_hidden_to_output  形状 (output_nodes, hidden_nodes)，取自 normal(0, output_nodes**-0.5)

train(inputs_list, targets_list) 从一条记录中学习。记 W1 = weights_input_to_hidden，
W2 = weights_hidden_to_output，并把记录作为列向量 x：

    前向：     hidden_outputs = sigmoid(W1 @ x)        final_outputs = W2 @ hidden_outputs
    反向：     output_delta = targets - final_outputs  （乘以 1，即 f(x) = x 的导数）
               hidden_delta = (W2.T @ output_delta) * hidden_outputs * (1 - hidden_outputs)
    更新：     W2 += lr * output_delta @ hidden_outputs.T    W1 += lr * hidden_delta @ x.T

（先算出两个 delta，再做两次更新，并存回 self.weights_...，这样 run() 才能看到。）
run(inputs_list) 只做前向传播，返回输出列向量，形状为 (output_nodes, 1)。

检查你的代码：  grader check neural_network.py
"""

import numpy as np


class NeuralNetwork:
    def sigmoid(self, x):
        return 1 / (1 + np.exp(-x))

    def __init__(self, input_nodes, hidden_nodes, output_nodes, learning_rate):
        # 设置输入层、隐藏层和输出层的节点数。
        self.input_nodes = input_nodes
        self.hidden_nodes = hidden_nodes
        self.output_nodes = output_nodes
        self.lr = learning_rate

        # TODO：初始化权重（np.random.normal(均值, 标准差, 形状)）：
        #   self.weights_input_to_hidden  = ...
        #   self.weights_hidden_to_output = ...
        # TODO：把 self.activation_function 设为 sigmoid 函数。
        raise NotImplementedError

    def train(self, inputs_list, targets_list):
        # 把输入列表转换为二维数组（列向量）：
        #   inputs = np.array(inputs_list, ndmin=2).T
        #   targets = np.array(targets_list, ndmin=2).T
        # TODO：前向传播（先隐藏层，再输出层）。
        # TODO：反向传播（output_delta、hidden_delta）。
        # TODO：更新 self.weights_hidden_to_output 和 self.weights_input_to_hidden。
        raise NotImplementedError

    def run(self, inputs_list):
        # 让输入经过网络做一次前向传播：
        #   inputs = np.array(inputs_list, ndmin=2).T
        # TODO：先隐藏层，再输出层；返回 final_outputs。
        raise NotImplementedError


if __name__ == "__main__":
    # 项目的训练循环（已缩短），用在一个生成的、类似共享单车的数据集上。
    from grader.course.datasets import bike_sharing

    def MSE(y, Y):
        return np.mean((y - Y) ** 2)

    data = bike_sharing(seed=42)
    np.random.seed(42)
    network = NeuralNetwork(data.train_features.shape[1], 10, 1, 0.05)
    for ii in range(200):
        # 从训练数据集中随机取一批 64 条记录
        batch = np.random.choice(len(data.train_features), size=64)
        for record, target in zip(data.train_features[batch], data.train_targets[batch],
                                  strict=True):
            network.train(record, target)
        if ii % 40 == 39:
            train_loss = MSE(network.run(data.train_features).T[:, 0], data.train_targets)
            val_loss = MSE(network.run(data.val_features).T[:, 0], data.val_targets)
            print(f"Progress: {(ii + 1) / 2:.0f}% ... Training loss: {train_loss:.3f} "
                  f"... Validation loss: {val_loss:.3f}")
