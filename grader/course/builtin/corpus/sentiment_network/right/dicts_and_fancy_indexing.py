# Plain dicts and math.log for the counts and ratios, a set for the vocabulary, NumPy fancy
# indexing for the rows, and new arrays assigned instead of in-place updates.
import math

import numpy as np


def count_words(reviews, labels):
    positive_counts, negative_counts, total_counts = {}, {}, {}
    for review, label in zip(reviews, labels):
        side = positive_counts if label == "POSITIVE" else negative_counts
        for word in review.split():
            side[word] = side.get(word, 0) + 1
            total_counts[word] = total_counts.get(word, 0) + 1
    return positive_counts, negative_counts, total_counts


def pos_neg_ratios(positive_counts, negative_counts, total_counts, min_count=50):
    result = {}
    for word, total in total_counts.items():
        if total >= min_count:
            r = positive_counts.get(word, 0) / (negative_counts.get(word, 0) + 1)
            result[word] = math.log(r) if r > 1 else -math.log(1 / (r + 0.01))
    return result


def build_vocabulary(reviews, labels, min_count=10, polarity_cutoff=0.1):
    positive_counts, negative_counts, total_counts = count_words(reviews, labels)
    ratios = pos_neg_ratios(positive_counts, negative_counts, total_counts, min_count)
    return {word for word, ratio in ratios.items() if abs(ratio) >= polarity_cutoff}


class SentimentNetwork:
    def __init__(self, reviews, labels, min_count=10, polarity_cutoff=0.1, hidden_nodes=10,
                 learning_rate=0.1):
        vocabulary = sorted(build_vocabulary(reviews, labels, min_count, polarity_cutoff))
        self.word2index = dict(zip(vocabulary, range(len(vocabulary))))
        self.lr = learning_rate
        self.weights_0_1 = np.zeros((len(vocabulary), hidden_nodes))
        self.weights_1_2 = np.random.normal(0.0, 1.0, (hidden_nodes, 1))

    def rows(self, review):
        return np.array(sorted({self.word2index[w] for w in review.split()
                                if w in self.word2index}), dtype=int)

    def output(self, rows):
        hidden = self.weights_0_1[rows].sum(axis=0, keepdims=True)
        return hidden, 1 / (1 + np.exp(-hidden.dot(self.weights_1_2)))

    def train(self, reviews, labels):
        for review, label in zip(reviews, labels):
            rows = self.rows(review)
            hidden, output = self.output(rows)
            error = output - (label == "POSITIVE")
            delta_2 = error * output * (1 - output)
            delta_1 = delta_2.dot(self.weights_1_2.T)
            self.weights_1_2 = self.weights_1_2 - self.lr * hidden.T.dot(delta_2)
            weights_0_1 = self.weights_0_1.copy()
            weights_0_1[rows] = weights_0_1[rows] - self.lr * delta_1
            self.weights_0_1 = weights_0_1

    def run(self, review):
        _, output = self.output(self.rows(review))
        return "NEGATIVE" if output[0, 0] < 0.5 else "POSITIVE"
