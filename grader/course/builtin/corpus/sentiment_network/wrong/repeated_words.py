# The hidden layer adds a row for every occurrence of a word, not once per distinct word.
# expect: a word repeated in a review counted more than once
# ceiling: 13
import numpy as np
from collections import Counter


def count_words(reviews, labels):
    positive_counts = Counter()
    negative_counts = Counter()
    total_counts = Counter()
    for review, label in zip(reviews, labels):
        for word in review.split():
            if label == "POSITIVE":
                positive_counts[word] += 1
            else:
                negative_counts[word] += 1
            total_counts[word] += 1
    return positive_counts, negative_counts, total_counts


def pos_neg_ratios(positive_counts, negative_counts, total_counts, min_count=50):
    pos_neg_ratios = {}
    for term, cnt in list(total_counts.most_common()):
        if cnt >= min_count:
            pos_neg_ratio = positive_counts[term] / float(negative_counts[term] + 1)
            if pos_neg_ratio > 1:
                pos_neg_ratios[term] = np.log(pos_neg_ratio)
            else:
                pos_neg_ratios[term] = -np.log(1 / (pos_neg_ratio + 0.01))
    return pos_neg_ratios


def build_vocabulary(reviews, labels, min_count=10, polarity_cutoff=0.1):
    positive_counts, negative_counts, total_counts = count_words(reviews, labels)
    ratios = pos_neg_ratios(positive_counts, negative_counts, total_counts, min_count)
    review_vocab = set()
    for word, ratio in ratios.items():
        if abs(ratio) >= polarity_cutoff:
            review_vocab.add(word)
    return review_vocab


class SentimentNetwork:
    def __init__(self, reviews, labels, min_count=10, polarity_cutoff=0.1, hidden_nodes=10,
                 learning_rate=0.1):
        np.random.seed(1)
        self.review_vocab = list(build_vocabulary(reviews, labels, min_count, polarity_cutoff))
        self.word2index = {}
        for i, word in enumerate(self.review_vocab):
            self.word2index[word] = i
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

    def sigmoid_output_2_derivative(self, output):
        return output * (1 - output)

    def get_target_for_label(self, label):
        if label == "POSITIVE":
            return 1
        else:
            return 0

    def review_indices(self, review):
        indices = []
        for word in review.split():
            if word in self.word2index.keys():
                indices.append(self.word2index[word])
        return indices

    def train(self, training_reviews, training_labels):
        assert len(training_reviews) == len(training_labels)
        for i in range(len(training_reviews)):
            review = self.review_indices(training_reviews[i])
            label = training_labels[i]
            self.layer_1 *= 0
            for index in review:
                self.layer_1 += self.weights_0_1[index]
            layer_2 = self.sigmoid(self.layer_1.dot(self.weights_1_2))
            layer_2_error = layer_2 - self.get_target_for_label(label)
            layer_2_delta = layer_2_error * self.sigmoid_output_2_derivative(layer_2)
            layer_1_error = layer_2_delta.dot(self.weights_1_2.T)
            layer_1_delta = layer_1_error
            self.weights_1_2 -= self.layer_1.T.dot(layer_2_delta) * self.learning_rate
            for index in review:
                self.weights_0_1[index] -= layer_1_delta[0] * self.learning_rate

    def run(self, review):
        self.layer_1 *= 0
        for index in self.review_indices(review):
            self.layer_1 += self.weights_0_1[index]
        layer_2 = self.sigmoid(self.layer_1.dot(self.weights_1_2))
        if layer_2[0] >= 0.5:
            return "POSITIVE"
        else:
            return "NEGATIVE"
