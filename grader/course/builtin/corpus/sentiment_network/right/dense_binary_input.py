# A dense 0/1 input vector per review and whole-matrix products: slower, the same numbers.
from collections import Counter

import numpy as np


def count_words(reviews, labels):
    positive_counts, negative_counts = Counter(), Counter()
    for review, label in zip(reviews, labels):
        (positive_counts if label == "POSITIVE" else negative_counts).update(review.split())
    return positive_counts, negative_counts, positive_counts + negative_counts


def pos_neg_ratios(positive_counts, negative_counts, total_counts, min_count=50):
    ratios = {}
    for word in total_counts:
        if total_counts[word] < min_count:
            continue
        r = positive_counts[word] / (negative_counts[word] + 1)
        ratios[word] = np.log(r) if r > 1 else -np.log(1 / (r + 0.01))
    return ratios


def build_vocabulary(reviews, labels, min_count=10, polarity_cutoff=0.1):
    ratios = pos_neg_ratios(*count_words(reviews, labels), min_count=min_count)
    return sorted(word for word in ratios if np.abs(ratios[word]) >= polarity_cutoff)


class SentimentNetwork:
    def __init__(self, reviews, labels, min_count=10, polarity_cutoff=0.1, hidden_nodes=10,
                 learning_rate=0.1):
        vocabulary = build_vocabulary(reviews, labels, min_count, polarity_cutoff)
        self.word2index = {word: i for i, word in enumerate(vocabulary)}
        self.learning_rate = learning_rate
        self.weights_0_1 = np.zeros((len(vocabulary), hidden_nodes))
        self.weights_1_2 = np.random.normal(0.0, 1 ** -0.5, (hidden_nodes, 1))

    def layer_0(self, review):
        layer_0 = np.zeros((1, len(self.word2index)))
        for word in review.split():
            if word in self.word2index:
                layer_0[0, self.word2index[word]] = 1
        return layer_0

    def train(self, reviews, labels):
        for review, label in zip(reviews, labels):
            layer_0 = self.layer_0(review)
            layer_1 = layer_0 @ self.weights_0_1
            layer_2 = 1 / (1 + np.exp(-(layer_1 @ self.weights_1_2)))
            target = 1.0 if label == "POSITIVE" else 0.0
            delta_2 = (layer_2 - target) * layer_2 * (1 - layer_2)
            delta_1 = delta_2 @ self.weights_1_2.T
            self.weights_1_2 -= layer_1.T @ delta_2 * self.learning_rate
            self.weights_0_1 -= layer_0.T @ delta_1 * self.learning_rate

    def run(self, review):
        layer_1 = self.layer_0(review) @ self.weights_0_1
        output = 1 / (1 + np.exp(-(layer_1 @ self.weights_1_2)))
        return "POSITIVE" if output.item() >= 0.5 else "NEGATIVE"
