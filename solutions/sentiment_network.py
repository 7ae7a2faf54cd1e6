"""Reference solution: the sentiment project's network, built from scratch with noise reduction."""

from collections import Counter

import numpy as np


def count_words(reviews, labels):
    positive_counts, negative_counts, total_counts = Counter(), Counter(), Counter()
    for review, label in zip(reviews, labels, strict=True):
        words = review.split()
        if label == "POSITIVE":
            positive_counts.update(words)
        else:
            negative_counts.update(words)
        total_counts.update(words)
    return positive_counts, negative_counts, total_counts


def pos_neg_ratios(positive_counts, negative_counts, total_counts, min_count=50):
    ratios = {}
    for word, count in total_counts.items():
        if count >= min_count:
            ratio = positive_counts[word] / float(negative_counts[word] + 1)
            if ratio > 1:
                ratios[word] = np.log(ratio)
            else:
                ratios[word] = -np.log(1 / (ratio + 0.01))
    return ratios


def build_vocabulary(reviews, labels, min_count=10, polarity_cutoff=0.1):
    positive_counts, negative_counts, total_counts = count_words(reviews, labels)
    ratios = pos_neg_ratios(positive_counts, negative_counts, total_counts, min_count)
    return [word for word, ratio in ratios.items() if abs(ratio) >= polarity_cutoff]


class SentimentNetwork:
    def __init__(self, reviews, labels, min_count=10, polarity_cutoff=0.1, hidden_nodes=10,
                 learning_rate=0.1):
        self.review_vocab = build_vocabulary(reviews, labels, min_count, polarity_cutoff)
        self.word2index = {word: i for i, word in enumerate(self.review_vocab)}
        self.input_nodes = len(self.review_vocab)
        self.hidden_nodes = hidden_nodes
        self.output_nodes = 1
        self.learning_rate = learning_rate
        self.weights_0_1 = np.zeros((self.input_nodes, self.hidden_nodes))
        self.weights_1_2 = np.random.normal(0.0, self.output_nodes ** -0.5,
                                            (self.hidden_nodes, self.output_nodes))
        self.layer_1 = np.zeros((1, hidden_nodes))

    def sigmoid(self, x):
        return 1 / (1 + np.exp(-x))

    def indices(self, review):
        return {self.word2index[word] for word in review.split() if word in self.word2index}

    def train(self, training_reviews, training_labels):
        for review, label in zip(training_reviews, training_labels, strict=True):
            indices = self.indices(review)
            self.layer_1 *= 0
            for index in indices:
                self.layer_1 += self.weights_0_1[index]
            layer_2 = self.sigmoid(self.layer_1.dot(self.weights_1_2))
            layer_2_error = layer_2 - (1 if label == "POSITIVE" else 0)
            layer_2_delta = layer_2_error * layer_2 * (1 - layer_2)
            layer_1_delta = layer_2_delta.dot(self.weights_1_2.T)
            self.weights_1_2 -= self.layer_1.T.dot(layer_2_delta) * self.learning_rate
            for index in indices:
                self.weights_0_1[index] -= layer_1_delta[0] * self.learning_rate

    def run(self, review):
        self.layer_1 *= 0
        for index in self.indices(review):
            self.layer_1 += self.weights_0_1[index]
        layer_2 = self.sigmoid(self.layer_1.dot(self.weights_1_2))
        return "POSITIVE" if layer_2[0, 0] >= 0.5 else "NEGATIVE"

    def test(self, testing_reviews, testing_labels):
        correct = sum(self.run(review) == label
                      for review, label in zip(testing_reviews, testing_labels, strict=True))
        return correct / max(len(testing_reviews), 1)


if __name__ == "__main__":
    # Generated reviews in the style of the project's IMDB data: compare the network with and
    # without noise reduction (min_count=1 and polarity_cutoff=0.0 keep every word).
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
