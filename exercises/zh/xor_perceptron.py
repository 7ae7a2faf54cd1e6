"""XOR：由感知器组成的两层网络。

恰好有一个输入为 1 时，异或运算（XOR）为 1：(0, 0) -> 0，(0, 1) -> 1，
(1, 0) -> 1，(1, 1) -> 0。单个感知器算不出它，因为没有一条直线能把 (0, 1) 和
(1, 0) 与 (0, 0) 和 (1, 1) 分开。两层就可以：两个隐藏的阶跃单元，再加一个把它们
组合起来的输出单元。记 step(t) = 1 if t >= 0 else 0，网络计算

    hidden = step(x @ hidden_weights.T + hidden_bias)     # 两个隐藏输出
    output = step(hidden @ output_weights + output_bias)

设置 hidden_weights（2x2：每个隐藏单元一行，每个输入一列）、hidden_bias（两个数，
每个隐藏单元一个）、output_weights（两个数，每个隐藏单元一个）和 output_bias
（一个数）。思路：让每个隐藏单元成为一个你已经知道的逻辑门，再把两者组合起来。

运行这个文件可以看到你的网络的真值表，然后检查你的代码：
    grader check xor_perceptron.py
"""

# TODO：设置两层的权重和偏差
hidden_weights = [[0.0, 0.0],
                  [0.0, 0.0]]
hidden_bias = [0.0, 0.0]
output_weights = [0.0, 0.0]
output_bias = 0.0


# 下面的内容不要改动
if __name__ == "__main__":
    import numpy as np
    import pandas as pd

    # 输入和输出
    test_inputs = [(0, 0), (0, 1), (1, 0), (1, 1)]
    correct_outputs = [False, True, True, False]
    outputs = []

    # 计算并检查输出
    for test_input, correct_output in zip(test_inputs, correct_outputs, strict=True):
        hidden_sums = np.array(test_input) @ np.array(hidden_weights).T + hidden_bias
        hidden = (hidden_sums >= 0).astype(int)
        linear_combination = hidden @ np.array(output_weights) + output_bias
        output = int(linear_combination >= 0)
        is_correct_string = "Yes" if output == correct_output else "No"
        outputs.append([test_input[0], test_input[1], hidden[0], hidden[1], linear_combination,
                        output, is_correct_string])

    # 打印输出
    num_wrong = len([output[6] for output in outputs if output[6] == "No"])
    output_frame = pd.DataFrame(outputs, columns=["Input 1", "  Input 2", "  Hidden 1",
                                                  "  Hidden 2", "  Linear Combination",
                                                  "  Activation Output", "  Is Correct"])
    if not num_wrong:
        print("Nice!  You got it all correct.\n")
    else:
        print(f"You got {num_wrong} wrong.  Keep trying!\n")
    print(output_frame.to_string(index=False))
