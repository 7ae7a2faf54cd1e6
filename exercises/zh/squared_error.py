"""平方误差，以及用梯度下降学习一个 sigmoid 单元的权重。

预测值 y_hat 与目标 y 差多少？课程用误差平方和（SSE）以及它在各记录上的平均值
来衡量，两者都带有因子 1/2（它约掉了导数中的 2）。注意课程的均方误差（MSE）
并不完全是“差的平方的平均值”：

    sse(y, y_hat) = 0.5 * sum((y - y_hat)**2)          对每个数求和
    mse(y, y_hat) = sum((y - y_hat)**2) / (2 * m)      m = len(y)，即记录条数

y 和 y_hat 是形状为 (m,) 或 (m, k) 的列表或 NumPy 数组：每条记录有 k 个输出时，
求和仍然遍及每个数，但 m 仍是记录条数。两者都返回一个数。

train_epoch(features, targets, weights, learnrate) 是对一个没有偏差的 sigmoid 输出
单元做一个训练轮次的批量梯度下降。每条记录都用同样的权重：

    对每条目标为 y 的记录 x：
        output = sigmoid(x @ weights)
        error_term = (y - output) * output * (1 - output)
        del_w += error_term * x
    返回 weights + learnrate * del_w / n_records         （只除一次 n_records）

返回新的权重（一个新数组，或原地更新后返回的 `weights`）。
train(features, targets, weights, epochs, learnrate) 调用 train_epoch `epochs` 次，
并返回 (weights, losses)，其中 losses[e] 是第 e 个训练轮次之后，目标与 sigmoid 输出
sigmoid(features @ weights) 之间的 mse。

检查你的代码：  grader check squared_error.py
"""

import numpy as np


def sigmoid(x):
    """激活函数（课程已给出）。"""
    return 1 / (1 + np.exp(-x))


def sse(y, y_hat):
    raise NotImplementedError


def mse(y, y_hat):
    raise NotImplementedError


def train_epoch(features, targets, weights, learnrate):
    raise NotImplementedError


def train(features, targets, weights, epochs, learnrate):
    raise NotImplementedError


if __name__ == "__main__":
    # 第 13 节的那条记录：在它上面训练一个训练轮次，权重的变化就是课程的 del_w。
    x = np.array([[0.1, 0.3]])
    y = np.array([0.2])
    weights = np.array([-0.8, 0.5])
    print("Change in Weights:")
    print(train_epoch(x, y, weights, learnrate=0.5) - weights)

    # 录取的例子：三个标准化的特征（GRE、GPA、学校排名）。
    from grader.course.datasets import admissions

    data = admissions(seed=42)
    np.random.seed(42)
    n_features = data.train_features.shape[1]
    weights = np.random.normal(scale=1 / n_features**0.5, size=n_features)
    weights, losses = train(data.train_features, data.train_targets, weights, 200, 0.5)
    for epoch in range(0, 200, 20):
        print(f"Epoch {epoch:3d}: train loss {losses[epoch]:.4f}")
    predictions = sigmoid(np.dot(data.val_features, weights)) > 0.5
    print(f"Prediction accuracy: {np.mean(predictions == data.val_targets):.3f}")
