"""反向传播：为了减小误差，每个权重应该改变多少？

先看一个 sigmoid 单元。对输入 x 和权重 w，单元输出 y_hat = sigmoid(h)，
其中 h = x . w。对平方误差，误差项为

    error_term = (y - y_hat) * sigmoid'(h)        其中 sigmoid'(h) = sigmoid(h) * (1 - sigmoid(h))
               = (y - y_hat) * y_hat * (1 - y_hat)

梯度下降按  del_w = learnrate * error_term * x  改变权重。

两层网络（sigmoid 隐藏层、sigmoid 输出）先做前向传播，再把误差传回去：输出的
误差项通过隐藏层到输出层的权重分摊到各隐藏单元，再乘以每个隐藏单元自己的
sigmoid 导数。然后

    delta_w_h_o = learnrate * output_error_term * hidden_layer_output          形状 (n_hidden,)
    delta_w_i_h = learnrate * hidden_error_term * x[:, None]          形状 (n_inputs, n_hidden)

在下面写出 sigmoid_prime、error_term_formula、gradient_step 和 backprop。每个函数
返回它的值（数或 NumPy 数组）；backprop 返回元组 (delta_w_i_h, delta_w_h_o)。

检查你的代码：  grader check backprop.py
"""

import numpy as np


def sigmoid(x):
    """激活函数（课程已给出）。"""
    return 1 / (1 + np.exp(-x))


def sigmoid_prime(x):
    """sigmoid 函数在 x 处的导数，逐元素计算。"""
    raise NotImplementedError


def error_term_formula(y, output):
    """sigmoid 输出单元的误差项：误差乘以 sigmoid 函数的导数。"""
    raise NotImplementedError


def gradient_step(x, y, weights, learnrate):
    """一个 sigmoid 单元：返回 del_w，即见到 (x, y) 之后每个权重的变化量。"""
    raise NotImplementedError


def backprop(x, target, weights_input_hidden, weights_hidden_output, learnrate):
    """先前向传播，再反向传播：返回 (delta_w_i_h, delta_w_h_o)。"""
    raise NotImplementedError


if __name__ == "__main__":
    # 第 13 节：一个 sigmoid 单元。
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

    # 第 14 节：两层网络。
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
