"""最大似然与多类别交叉熵：一个有多个类别的模型好不好？

Y 是独热编码：每条记录一行，在该记录实际类别的那一列为 1。P 是模型给出的概率：
每条记录一行，每个类别一列，每行之和为 1。

似然是模型给真实发生的事情的概率：对每条记录，取它实际类别的概率
（sum_j Y[i][j] * P[i][j]），再把它们相乘：

    likelihood(Y, P) = prod_i sum_j Y[i][j] * P[i][j]

许多小于 1 的数相乘会非常小（在浮点数中 0.5 ** 2000 恰好是 0.0），所以我们改取
对数，log(ab) = log(a) + log(b)，再加一个负号让结果为正：

    multiclass_cross_entropy(Y, P) = -sum_i sum_j Y[i][j] * ln(P[i][j])  =  -ln(likelihood)

使用自然对数（np.log），对每条记录求和（不是求平均），返回一个 float。
通过对对数求和来计算交叉熵，而不是 -log(likelihood(...))：似然下溢为 0.0 时，
交叉熵也必须保持有限。Y 和 P 可以是列表的列表或二维数组。

课程的例子：两个模型看到同样的四条记录，给它们实际类别的概率分别是
[0.6, 0.2, 0.1, 0.7]（模型 A）和 [0.7, 0.9, 0.8, 0.6]（模型 B）。模型 A 的交叉熵
是 0.51 + 1.61 + 2.3 + 0.36 = 4.78，模型 B 的是 1.19：B 是更好的模型。

检查你的代码：  grader check multiclass_cross_entropy.py
"""

import numpy as np


def likelihood(Y, P):
    raise NotImplementedError


def multiclass_cross_entropy(Y, P):
    raise NotImplementedError


if __name__ == "__main__":
    Y = [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0]]
    model_a = [[0.6, 0.3, 0.1], [0.5, 0.2, 0.3], [0.3, 0.6, 0.1], [0.7, 0.2, 0.1]]
    model_b = [[0.7, 0.2, 0.1], [0.05, 0.9, 0.05], [0.1, 0.1, 0.8], [0.6, 0.3, 0.1]]
    for name, P in (("A", model_a), ("B", model_b)):
        print(name, likelihood(Y, P), multiclass_cross_entropy(Y, P))
