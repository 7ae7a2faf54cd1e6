"""Softmax 函数：把一组得分变成概率。

分类器给每个类别一个得分。softmax 函数让这些得分变为正数、加起来等于 1，并保持
它们的顺序：得分最高的类别得到最高的概率。

    softmax(L)[i] = exp(L[i]) / (exp(L[0]) + exp(L[1]) + ... + exp(L[n-1]))

`L` 是由数字组成的列表或一维 NumPy 数组。按同样的顺序返回概率，可以是列表或
NumPy 数组。（取指数不是平方：请用 np.exp。）

检查你的代码：  grader check softmax.py
"""

import numpy as np


def softmax(L):
    raise NotImplementedError


if __name__ == "__main__":
    z = [1.0, 2.0, 3.0, 4.0, 1.0, 2.0, 3.0]
    print(softmax(z))
