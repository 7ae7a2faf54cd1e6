"""用梯度下降做逻辑回归：一个点一个点地微调一条直线，降低对数损失。

模型给每个点 x 一个标签为 1 的概率：

    output = sigmoid(x @ weights + bias),        sigmoid(t) = 1 / (1 + e^(-t))

并为它付出对数损失  error = -y*ln(output) - (1-y)*ln(1-output)。在一个点上做一步
梯度下降，就是让权重和偏差逆着误差的梯度移动：

    d_error = -(y - output)
    weights -= learnrate * d_error * x
    bias    -= learnrate * d_error

（没有 output*(1-output) 因子：对对数损失它正好约掉了。）`sigmoid` 和
`error_formula` 在数组上逐元素计算；`output_formula` 既适用于一个点，也适用于
一个点的矩阵（np.matmul）；`update_weights` 返回 (weights, bias)；原地修改
`weights` 也可以。

最后，`train(features, targets, epochs, learnrate)` 把它们组合起来：先抽取
weights = np.random.normal(scale=1 / n_features**.5, size=n_features)，令 bias = 0，
在每个训练轮次中对每个点运行 update_weights，然后返回 (weights, bias)。它的评分
方式与其他四个函数一样：训练出的直线必须能像课程的那样对一个可分的数据集分类。

检查你的代码：  grader check gradient_descent.py
"""

import numpy as np


def sigmoid(x):
    raise NotImplementedError


def output_formula(features, weights, bias):
    raise NotImplementedError


def error_formula(y, output):
    raise NotImplementedError


def update_weights(x, y, weights, bias, learnrate):
    raise NotImplementedError


def train(features, targets, epochs, learnrate):
    raise NotImplementedError


if __name__ == "__main__":
    # 两团各 100 个点：标签 0 在 (0.3, 0.3) 附近，标签 1 在 (0.7, 0.7) 附近。
    np.random.seed(44)
    features = np.vstack([np.random.normal(0.3, 0.1, (100, 2)),
                          np.random.normal(0.7, 0.1, (100, 2))])
    targets = np.repeat([0, 1], 100)
    weights, bias = train(features, targets, epochs=100, learnrate=0.01)
    out = output_formula(features, weights, bias)
    print("Train loss:", np.mean(error_formula(targets, out)))
    print("Accuracy:  ", np.mean((out > 0.5) == targets))
    print(f"Boundary:   y = {-weights[0] / weights[1]:.4f} * x + {-bias / weights[1]:.4f}")
