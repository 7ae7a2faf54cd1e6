"""交叉熵：模型对真实标签有多“意外”。

Y 是真实标签（正类的点为 1，负类的点为 0），P 是模型给出的每个点为正类的概率。
好的模型给真实发生的事情以高概率，所以它的交叉熵低：

    cross_entropy(Y, P) = -sum( Y*ln(P) + (1 - Y)*ln(1 - P) )

使用自然对数（np.log），对所有点求和（不是求平均），返回一个 float。
Y 和 P 可以是列表或 NumPy 数组。

例如：cross_entropy([1, 0, 1, 1], [0.4, 0.6, 0.1, 0.5]) 约为 4.8283。

检查你的代码：  grader check cross_entropy.py
"""

import numpy as np


def cross_entropy(Y, P):
    raise NotImplementedError


if __name__ == "__main__":
    print(cross_entropy([1, 0, 1, 1], [0.4, 0.6, 0.1, 0.5]))
