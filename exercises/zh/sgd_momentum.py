"""带动量的随机梯度下降。

随机梯度下降（SGD）不等整个数据集的梯度：它打乱记录，切成小批量，每个小批量走一步。
一个训练轮次（epoch）是把所有记录过一遍，所以 24 条记录、批量大小为 6 时，一个
训练轮次是 4 个小批量、4 步。（课程原文把训练轮次称为“步长”：并不是。步长是学习率；
训练轮次的个数是训练把数据过多少遍。）

    minibatches(features, targets, batch_size)
        只用一次 np.random.permutation 打乱记录（取自 NumPy 的全局随机状态，这样
        np.random.seed 能让它可重复），把同一个排列同时用于 features 和 targets，
        使每条记录保留自己的目标，再切成每批 batch_size 条记录（最后一批可以更小）。
        返回 (features_batch, targets_batch) 对的列表。

动量保留一个不断累积的速度，使朝同一方向的步子叠加起来，来回的之字形相互抵消。
beta 在 0 和 1 之间，表示每一步保留多少速度：

    momentum_step(weights, velocity, gradient, learnrate, beta)
        velocity = beta * velocity + gradient
        weights = weights - learnrate * velocity
        return weights, velocity

beta = 0 时就是普通的梯度下降。train_sgd(features, targets, weights, epochs,
batch_size, learnrate, beta) 同时用这两者训练逻辑回归：速度从 np.zeros_like(weights)
开始（只初始化一次），在各小批量和各训练轮次之间延续；每个训练轮次中，对 minibatches
给出的每个小批量（每个训练轮次调用一次 minibatches）：

        output = sigmoid(features_batch @ weights)
        gradient = features_batch.T @ (output - targets_batch) / len(targets_batch)
        weights, velocity = momentum_step(weights, velocity, gradient, learnrate, beta)

最后返回权重。

检查你的代码：  grader check sgd_momentum.py
"""

import numpy as np


def sigmoid(x):
    """激活函数（课程已给出）。"""
    return 1 / (1 + np.exp(-x))


def minibatches(features, targets, batch_size):
    raise NotImplementedError


def momentum_step(weights, velocity, gradient, learnrate, beta):
    raise NotImplementedError


def train_sgd(features, targets, weights, epochs, batch_size, learnrate, beta):
    raise NotImplementedError


if __name__ == "__main__":
    # 课程的例子：24 个点、每批 6 个，共 4 个小批量，所以一个训练轮次是 4 步。
    np.random.seed(0)
    points = np.arange(48.0).reshape(24, 2)
    labels = np.arange(24) % 2
    batches = minibatches(points, labels, 6)
    print(len(batches), "batches of", [len(targets) for _, targets in batches], "points")

    # 在一个被拉伸（病态）的问题上使用动量：同样的训练轮次，更低的损失。
    from grader.course.datasets import stretched_classes

    features, targets = stretched_classes(seed=0)
    for beta in (0.0, 0.9):
        np.random.seed(1)
        weights = train_sgd(features, targets, np.zeros(2), 20, 20, 1.0, beta)
        output = sigmoid(features @ weights)
        loss = -np.mean(targets * np.log(output) + (1 - targets) * np.log(1 - output))
        print(f"beta = {beta}: weights {np.round(weights, 2)}, training loss {loss:.4f}")
