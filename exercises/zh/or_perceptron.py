"""OR 感知器：手工选出权重和偏差。

感知器把每个输入乘以它的权重，加上偏差，再通过阶跃函数：

    output = 1  if  weight1 * x1 + weight2 * x2 + bias >= 0  else  0

设置 weight1、weight2 和 bias 这三个数，使感知器计算或运算（OR）：输入 (0, 0)
时输出 0，输入 (0, 1)、(1, 0) 和 (1, 1) 时输出 1。课程的提示：OR 就像权重更大
或偏差更小（负得更少）的 AND。注意是 >=：和恰好为 0 时输出已经是 1。

运行这个文件可以看到你的感知器的真值表，然后检查你的代码：
    grader check or_perceptron.py
"""

# TODO：设置 weight1、weight2 和 bias
weight1 = 0.0
weight2 = 0.0
bias = 0.0


# 下面的内容不要改动
if __name__ == "__main__":
    import pandas as pd

    # 输入和输出
    test_inputs = [(0, 0), (0, 1), (1, 0), (1, 1)]
    correct_outputs = [False, True, True, True]
    outputs = []

    # 计算并检查输出
    for test_input, correct_output in zip(test_inputs, correct_outputs, strict=True):
        linear_combination = weight1 * test_input[0] + weight2 * test_input[1] + bias
        output = int(linear_combination >= 0)
        is_correct_string = "Yes" if output == correct_output else "No"
        outputs.append([test_input[0], test_input[1], linear_combination, output,
                        is_correct_string])

    # 打印输出
    num_wrong = len([output[4] for output in outputs if output[4] == "No"])
    output_frame = pd.DataFrame(outputs, columns=["Input 1", "  Input 2", "  Linear Combination",
                                                  "  Activation Output", "  Is Correct"])
    if not num_wrong:
        print("Nice!  You got it all correct.\n")
    else:
        print(f"You got {num_wrong} wrong.  Keep trying!\n")
    print(output_frame.to_string(index=False))
