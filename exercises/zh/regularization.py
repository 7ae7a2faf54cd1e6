"""L1 和 L2 正则化：让大的权重付出代价，使模型保持简单。

权重很大的模型常常是过拟合了。正则化在误差上加一项针对大权重的惩罚，强度为 lam：

    l1_penalty(weights, lam) = lam * sum(|w|)        l1_gradient(weights, lam) = lam * sign(w)
    l2_penalty(weights, lam) = lam * sum(w**2)       l2_gradient(weights, lam) = 2 * lam * w

两个惩罚项各是一个数，对每个权重求和（weights 可以是向量或矩阵）；梯度对每个权重
各有一个数，w 为 0 处的 L1 梯度为 0（np.sign(0) 是 0）。
regularized_step(weights, gradient, learnrate, lam, kind) 在误差加惩罚项上做一步
梯度下降，kind 为 "l1" 或 "l2"：

    return weights - learnrate * (gradient + penalty_gradient)

其他任何 kind（例如 "l3"）都必须抛出 ValueError。

为什么要两种惩罚？L1 正则化每一步把每个权重都朝 0 拉同样的量，所以那些又小又没用
的权重会落到 0：权重变得稀疏，从而挑出有用的特征。L2 正则化按每个权重的大小成比例
地拉它，所以所有权重都会变小，但很少恰好变成 0。

检查你的代码：  grader check regularization.py
"""

import numpy as np


def l1_penalty(weights, lam):
    raise NotImplementedError


def l2_penalty(weights, lam):
    raise NotImplementedError


def l1_gradient(weights, lam):
    raise NotImplementedError


def l2_gradient(weights, lam):
    raise NotImplementedError


def regularized_step(weights, gradient, learnrate, lam, kind):
    raise NotImplementedError


if __name__ == "__main__":
    # 在 3 个有用特征和 5 个无用特征上做线性回归，分别使用每种惩罚。
    np.random.seed(0)
    X = np.random.normal(size=(200, 8))
    y = X[:, :3] @ np.array([1.5, -2.0, 1.0]) + np.random.normal(scale=0.5, size=200)
    for kind in ("l1", "l2"):
        weights = np.random.normal(size=8)
        for _ in range(500):
            gradient = X.T @ (X @ weights - y) / len(y)
            weights = regularized_step(weights, gradient, 0.05, 0.1, kind)
        print(kind, np.round(weights, 3))
