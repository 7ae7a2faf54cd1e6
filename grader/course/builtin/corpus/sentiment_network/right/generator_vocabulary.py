# build_vocabulary yields its words lazily (any iterable is allowed); the counts come from
# Counter arithmetic; weights_1_2 from randn scaled by output_nodes ** -0.5; einsum for the sum.
from collections import Counter

import numpy as np


def count_words(reviews, labels):
    positive = Counter(w for r, l in zip(reviews, labels) if l == "POSITIVE" for w in r.split())
    negative = Counter(w for r, l in zip(reviews, labels) if l == "NEGATIVE" for w in r.split())
    total = Counter()
    total.update(positive)
    total.update(negative)
    return positive, negative, total


def pos_neg_ratios(positive_counts, negative_counts, total_counts, min_count=50):
    words = [w for w, c in total_counts.items() if c >= min_count]
    r = np.array([positive_counts[w] / (negative_counts[w] + 1.0) for w in words])
    logs = np.where(r > 1, np.log(np.maximum(r, 1e-300)), np.log(r + 0.01))
    return dict(zip(words, logs.tolist()))


def build_vocabulary(reviews, labels, min_count=10, polarity_cutoff=0.1):
    ratios = pos_neg_ratios(*count_words(reviews, labels), min_count)
    return (word for word, ratio in ratios.items() if abs(ratio) >= polarity_cutoff)


class SentimentNetwork:
    def __init__(self, reviews, labels, min_count=10, polarity_cutoff=0.1, hidden_nodes=10,
                 learning_rate=0.1):
        self.word2index = {}
        for word in build_vocabulary(reviews, labels, min_count, polarity_cutoff):
            self.word2index[word] = len(self.word2index)
        self.output_nodes = 1
        self.learning_rate = learning_rate
        self.weights_0_1 = np.zeros((len(self.word2index), hidden_nodes))
        self.weights_1_2 = np.random.randn(hidden_nodes, self.output_nodes) \
            * self.output_nodes ** -0.5

    def forward(self, review):
        rows = list({self.word2index[w] for w in review.split() if w in self.word2index})
        hidden = np.einsum("ij->j", self.weights_0_1[rows])[None, :]
        return rows, hidden, 1.0 / (1.0 + np.exp(-np.dot(hidden, self.weights_1_2)))

    def train(self, training_reviews, training_labels):
        for review, label in zip(training_reviews, training_labels):
            rows, hidden, output = self.forward(review)
            delta_2 = (output - float(label == "POSITIVE")) * output * (1.0 - output)
            delta_1 = np.dot(delta_2, self.weights_1_2.T)
            self.weights_1_2 -= np.dot(hidden.T, delta_2) * self.learning_rate
            for row in rows:
                self.weights_0_1[row] -= delta_1[0] * self.learning_rate

    def run(self, review):
        return "POSITIVE" if self.forward(review)[2].item() >= 0.5 else "NEGATIVE"
