"""情感分析项目：一个从零搭建、把影评标为 POSITIVE 或 NEGATIVE 的网络，以及让它
变快的降噪。

影评是由小写单词组成的字符串：用 review.split() 切分每条影评（不带参数，这样连续
的空格、制表符和换行都算作一个间隔）。标签是 "POSITIVE" 或 "NEGATIVE"。

1. count_words(reviews, labels) -> (positive_counts, negative_counts, total_counts)：
   三个 collections.Counter 对象，统计每个单词的每次出现（分别在正面影评中、
   负面影评中、全部影评中）。
2. pos_neg_ratios(positive_counts, negative_counts, total_counts, min_count=50) -> dict：
   对至少出现 min_count 次的每个单词，r = positive / (negative + 1)，r > 1 时取
   ln(r)，否则取 -ln(1 / (r + 0.01))。强烈正面的词得到大的正值，强烈负面的词得到
   大的负值，中性词的值接近 0。
3. build_vocabulary(reviews, labels, min_count=10, polarity_cutoff=0.1)：降噪。
   保留至少出现 min_count 次（罕见词是噪声）且 abs(ratio) >= polarity_cutoff
   （中性词也是噪声）的单词，ratio 取自 pos_neg_ratios(..., min_count)。以列表或
   集合的形式返回词汇表。
   （课程原来的 notebook 有几处小差别：它按 " " 切分，不管 min_count 是多少都按
   50 次出现来计算 ratio，并保留没有 ratio 的单词。本课程以上面的定义为准。）
4. SentimentNetwork(reviews, labels, min_count=10, polarity_cutoff=0.1, hidden_nodes=10,
   learning_rate=0.1)：word2index 给词汇表中的单词编号 0, 1, 2, ...；weights_0_1 是
   形状为 (词汇表大小, hidden_nodes) 的零矩阵；weights_1_2 取自
   np.random.normal(0.0, output_nodes ** -0.5, (hidden_nodes, output_nodes))，
   output_nodes = 1。
   train(reviews, labels) 按顺序过一遍数据。对每条影评，POSITIVE 的目标为 1，
   NEGATIVE 的目标为 0：
       hidden  = 影评中不重复的已知单词在 weights_0_1 中的行之和   (1, hidden)
       output  = sigmoid(hidden @ weights_1_2)              （隐藏层是线性的）
       delta_2 = (output - target) * output * (1 - output)
       delta_1 = delta_2 @ weights_1_2.T                    （在 weights_1_2 改变之前）
       weights_1_2 -= hidden.T @ delta_2 * learning_rate
       影评中各单词在 weights_0_1 中的行 -= delta_1 * learning_rate
   只改动这条影评中单词对应的行：不需要和词汇表一样长的输入向量。
   输出 >= 0.5 时 run(review) 返回 "POSITIVE"，否则返回 "NEGATIVE"。
   像 notebook 那样在 __init__ 中调用 np.random.seed(1) 是允许的。

检查你的代码：  grader check sentiment_network.py
"""

from collections import Counter

import numpy as np


def count_words(reviews, labels):
    """返回 (positive_counts, negative_counts, total_counts)，三个 Counter。"""
    raise NotImplementedError


def pos_neg_ratios(positive_counts, negative_counts, total_counts, min_count=50):
    """返回一个字典：从每个至少出现 min_count 次的单词映射到它的对数比值。"""
    raise NotImplementedError


def build_vocabulary(reviews, labels, min_count=10, polarity_cutoff=0.1):
    """返回经过降噪后留下的单词。"""
    raise NotImplementedError


class SentimentNetwork:
    def __init__(self, reviews, labels, min_count=10, polarity_cutoff=0.1, hidden_nodes=10,
                 learning_rate=0.1):
        # TODO：self.word2index、self.weights_0_1 和 self.weights_1_2（见上文）。
        raise NotImplementedError

    def sigmoid(self, x):
        return 1 / (1 + np.exp(-x))

    def train(self, training_reviews, training_labels):
        # TODO：按顺序把影评过一遍，同时更新两个权重矩阵。
        raise NotImplementedError

    def run(self, review):
        # TODO：一条影评的前向传播；返回 "POSITIVE" 或 "NEGATIVE"。
        raise NotImplementedError


if __name__ == "__main__":
    # 按项目的 IMDB 数据风格生成的影评：比较有降噪和
    # 没有降噪的网络（min_count=1 且 polarity_cutoff=0.0 会保留每个单词）。
    import time

    from grader.course.datasets import movie_reviews

    data = movie_reviews(seed=1)
    for min_count, polarity_cutoff in ((1, 0.0), (10, 0.1)):
        np.random.seed(1)
        network = SentimentNetwork(data.train_reviews, data.train_labels, min_count=min_count,
                                   polarity_cutoff=polarity_cutoff)
        start = time.time()
        network.train(data.train_reviews, data.train_labels)
        seconds = time.time() - start
        correct = sum(network.run(review) == label
                      for review, label in zip(data.test_reviews, data.test_labels, strict=True))
        print(f"min_count={min_count}, polarity_cutoff={polarity_cutoff}: "
              f"{len(network.word2index)} words, trained in {seconds:.2f} s, "
              f"{correct / len(data.test_reviews):.1%} of the test reviews right")
