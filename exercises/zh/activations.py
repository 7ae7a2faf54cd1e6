"""激活函数：tanh 和 relu、它们的导数，以及深层 sigmoid 网络为什么学不动。

反向传播会把误差乘以它经过的每个激活函数的导数。sigmoid 函数的导数
sigmoid(x) * (1 - sigmoid(x)) 最大只有 0.25（在 x = 0 处），所以每经过一个
sigmoid 层，梯度至少缩小为原来的四分之一：经过 n 层后至多剩下 0.25 ** n，
前面几层几乎学不到东西。这就是梯度消失。
（课程原文把它归咎于陷入局部最小值，那是另一个问题；原文还把训练轮次（epoch）
说成步长：一个训练轮次是把训练数据完整过一遍，每一步的大小由学习率决定。）
其他激活函数能保留更多梯度：

    tanh(x)       = (e^x - e^-x) / (e^x + e^-x), 介于 -1 和 1 之间
    tanh_prime(x) = 1 - tanh(x)**2               （x = 0 处为 1）
    relu(x)       = max(0, x), 逐元素          为正时是 x 本身，否则为 0（np.maximum）
    relu_prime(x) = x > 0 处为 1，否则为 0       （relu_prime(0) 为 0）

写出它们以及 sigmoid_prime(x)，使每个函数都能逐元素地作用于一个数、一个列表或
一个 NumPy 数组（一维或二维），并返回一个数或与输入形状相同的数组（列表可以返回
列表）。注意：上面 tanh 的公式会算 e^1000，它溢出为 inf，而 inf / inf 是 nan；
tanh(1000.0) 必须是 1.0（np.tanh 能算对）。

然后写出 vanishing(n)：n 个叠在一起的 sigmoid 单元最多能把梯度放大多少倍，
即 sigmoid_prime 的最大值的 n 次方。

检查你的代码：  grader check activations.py
"""

import numpy as np


def sigmoid(x):
    """sigmoid 函数（已给出）：逐元素地作用于一个数、一个列表或一个数组。"""
    return 1 / (1 + np.exp(-np.asarray(x, dtype=float)))


def sigmoid_prime(x):
    raise NotImplementedError


def tanh(x):
    raise NotImplementedError


def tanh_prime(x):
    raise NotImplementedError


def relu(x):
    raise NotImplementedError


def relu_prime(x):
    raise NotImplementedError


def vanishing(n):
    raise NotImplementedError


if __name__ == "__main__":
    x = np.array([-2.0, -0.5, 0.0, 0.5, 2.0])
    for function in (sigmoid_prime, tanh, tanh_prime, relu, relu_prime):
        print(function.__name__, function(x))
    for layers in (1, 2, 5, 10):
        print(f"{layers} sigmoid layers keep at most {vanishing(layers):.2e} of the gradient")
