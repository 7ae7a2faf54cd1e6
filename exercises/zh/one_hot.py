"""独热编码：把类别标签变成由 0 和 1 组成的行。

网络没法用权重去乘 "duck"。独热编码给每个类别单独一列，把每个标签变成只有一个
1 的一行，1 在它的类别那一列：

    one_hot(["duck", "walrus", "beaver", "duck"])      各列：beaver, duck, walrus
    -> [[0, 1, 0],
        [0, 0, 1],
        [1, 0, 0],
        [0, 1, 0]]

给出 `categories` 时，各列按它的顺序排列（没有标签用到的类别也有自己的一列），
否则按 sorted(set(labels))。标签可以是字符串或整数：标签 10 的列是它在类别中的
位置，而不是第 10 列。不在 `categories` 中的标签会抛出 ValueError，消息中要包含
这个标签。没有标签时返回 0 行、每个类别一列的数组，例如
np.zeros((0, len(categories)))。

返回由 0 和 1 组成的二维 NumPy 数组（或列表的列表）：整数、浮点数或布尔值均可。

检查你的代码：  grader check one_hot.py
"""

import numpy as np


def one_hot(labels, categories=None):
    raise NotImplementedError


if __name__ == "__main__":
    print(one_hot(["duck", "walrus", "beaver", "duck"]))
    print(one_hot(["duck", "walrus", "beaver"], categories=["duck", "walrus", "beaver"]))
