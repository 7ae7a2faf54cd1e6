"""早期停止：验证误差不再改善时就停止训练。

网络训练时，它在训练数据上的误差一直下降，但在验证数据上的误差先降后升：从那时起
它在死记训练数据（过拟合）。早期停止观察每个训练轮次（epoch，从 0 开始计数）的
验证误差，一旦连续 `patience` 个训练轮次都没有改善就停止；保留的权重是见过的
最佳训练轮次的权重。

- best_epoch(validation_errors)：最小误差的下标；并列时取第一个。
  空列表没有最佳训练轮次：抛出 ValueError。
- should_stop(validation_errors, patience)：一旦最后 `patience` 个误差都不比它们
  之前的最佳误差更好（大于或等于它），就为 True；已知误差少于 patience + 1 个时
  为 False。patience 至少为 1。
- stopping_point(validation_errors, patience)：逐个训练轮次重放一次记录下来的训练。
  返回 (stop_epoch, best)：stop_epoch 是第一个使
  should_stop(validation_errors[:k + 1], patience) 为 True 的训练轮次 k（如果始终
  不为 True，则是最后一个训练轮次），best = best_epoch(validation_errors[:stop_epoch + 1])：
  停下来的训练看不到 stop_epoch 之后的误差。

例如 patience 为 2：[0.9, 0.7, 0.5, 0.6, 0.8] 的最佳训练轮次是 2，对它
should_stop 为 True（0.6 和 0.8 都不比 0.5 好），所以 stopping_point 给出 (4, 2)。
validation_errors 可以是列表或 NumPy 数组。

检查你的代码：  grader check early_stopping.py
"""

import numpy as np


def best_epoch(validation_errors):
    raise NotImplementedError


def should_stop(validation_errors, patience):
    raise NotImplementedError


def stopping_point(validation_errors, patience):
    raise NotImplementedError


if __name__ == "__main__":
    errors = [0.9, 0.7, 0.55, 0.5, 0.52, 0.5, 0.51, 0.53, 0.45, 0.6, 0.62, 0.64]
    print("best epoch of the whole run:", best_epoch(errors))
    for patience in (1, 2, 3):
        print(f"patience {patience}: stop at epoch, best epoch =",
              stopping_point(errors, patience))
