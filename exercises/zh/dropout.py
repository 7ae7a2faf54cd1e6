"""Dropout（随机失活）：训练时随机关掉一些隐藏单元，使任何单元都不能依赖其他单元。

每个训练步中，每个单元以概率 keep_prob 保留，否则被丢弃（置为 0），各单元相互
独立，每次调用都重新随机选择。这是“反向”（inverted）dropout：保留的单元除以
keep_prob，使每个单元的期望值保持不变，网络不用 dropout 时也就无需再做缩放。

    mask = np.random.rand(*activations.shape) < keep_prob     # True = 保留
    dropout(activations, keep_prob)        -> (activations * mask / keep_prob, mask)
    dropout_backward(d_out, mask, keep_prob) -> d_out * mask / keep_prob

从 NumPy 的全局随机状态中抽取（np.random.rand），这样由 np.random.seed 决定
掩码；不要在 dropout 中调用 np.random.seed。掩码可以是布尔值，也可以是 0/1 数字。
keep_prob = 1 时全部保留；keep_prob 不在 (0, 1] 内时抛出 ValueError。
dropout_backward 把梯度通过给它的同一个掩码传回去，并做同样的缩放。

检查你的代码：  grader check dropout.py
"""

import numpy as np


def dropout(activations, keep_prob):
    """对新抽取的掩码返回 (activations * mask / keep_prob, mask)。"""
    raise NotImplementedError


def dropout_backward(d_out, mask, keep_prob):
    """返回经掩码传回的梯度：d_out * mask / keep_prob。"""
    raise NotImplementedError


if __name__ == "__main__":
    np.random.seed(42)
    hidden = np.array([[0.5, 1.0, 1.5, 2.0], [2.5, 3.0, 3.5, 4.0]])
    dropped, mask = dropout(hidden, 0.8)
    print("Kept units:")
    print(mask)
    print("Activations after dropout (kept ones scaled by 1 / 0.8):")
    print(dropped)
    print("Gradient through the same mask:")
    print(dropout_backward(np.ones_like(hidden), mask, 0.8))
