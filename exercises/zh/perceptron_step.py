"""感知器技巧：移动一条直线，直到它把两类点分开。

权重为 W（形状 (2, 1)）、偏差为 b 的感知器这样给点 x = (x1, x2) 打标签：

    prediction = stepFunction(W[0]*x1 + W[1]*x2 + b),   stepFunction(t) = 1 if t >= 0 else 0

所以 stepFunction(0) 是 1。`perceptronStep` 按顺序遍历各点，用当前的 W 和 b 预测
每一个点。只有分错的点才会按 `learn_rate` 移动这条直线：
    标签为 1 但预测为 0：  W[0] += x1 * learn_rate,  W[1] += x2 * learn_rate,  b += learn_rate
    标签为 0 但预测为 1：  W[0] -= x1 * learn_rate,  W[1] -= x2 * learn_rate,  b -= learn_rate
它返回 W, b（原地修改 W 并返回它也可以）。

`trainPerceptronAlgorithm` 先抽取 W = np.array(np.random.rand(2, 1))，然后
b = np.random.rand(1)[0] + x_max（x_max = 第一个坐标的最大值），运行 `num_epochs`
次感知器步骤，并返回每一步之后的分界线：(-W[0]/W[1], -b/W[1])，即直线
W[0]*x1 + W[1]*x2 + b = 0 的（斜率, 截距）。

检查你的代码：  grader check perceptron_step.py
"""

import numpy as np


def stepFunction(t):
    raise NotImplementedError


def prediction(X, W, b):
    raise NotImplementedError


def perceptronStep(X, y, W, b, learn_rate=0.01):
    raise NotImplementedError


def trainPerceptronAlgorithm(X, y, learn_rate=0.01, num_epochs=25):
    raise NotImplementedError


if __name__ == "__main__":
    # 一个小数据集：20 个随机点，位于直线 y = 0.9 - 0.8 x 上方的标为 1。
    np.random.seed(12)
    X = np.random.rand(20, 2)
    y = (X[:, 1] > 0.9 - 0.8 * X[:, 0]).astype(int)
    lines = trainPerceptronAlgorithm(X, y)
    for epoch, (slope, intercept) in enumerate(lines, start=1):
        slope, intercept = float(np.ravel(slope)[0]), float(np.ravel(intercept)[0])
        sign = "+" if intercept >= 0 else "-"
        print(f"epoch {epoch:2d}: y = {slope:.4f} * x {sign} {abs(intercept):.4f}")
