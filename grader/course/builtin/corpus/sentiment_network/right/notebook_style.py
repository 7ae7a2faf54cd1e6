# Close to the original notebook (Project 6): pre_process_data, init_network, a set of indices per
# review, progress printed while training, np.random.seed(1) in __init__.
import sys
import time
from collections import Counter

import numpy as np


def count_words(reviews, labels):
    positive_counts = Counter()
    negative_counts = Counter()
    total_counts = Counter()
    for i in range(len(reviews)):
        if labels[i] == "POSITIVE":
            for word in reviews[i].split():
                positive_counts[word] += 1
                total_counts[word] += 1
        else:
            for word in reviews[i].split():
                negative_counts[word] += 1
                total_counts[word] += 1
    return positive_counts, negative_counts, total_counts


def pos_neg_ratios(positive_counts, negative_counts, total_counts, min_count=50):
    pos_neg_ratios = Counter()
    for term, cnt in list(total_counts.most_common()):
        if cnt >= min_count:
            pos_neg_ratio = positive_counts[term] / float(negative_counts[term] + 1)
            pos_neg_ratios[term] = pos_neg_ratio
    for word, ratio in pos_neg_ratios.most_common():
        if ratio > 1:
            pos_neg_ratios[word] = np.log(ratio)
        else:
            pos_neg_ratios[word] = -np.log(1 / (ratio + 0.01))
    return pos_neg_ratios


def build_vocabulary(reviews, labels, min_count=10, polarity_cutoff=0.1):
    positive_counts, negative_counts, total_counts = count_words(reviews, labels)
    ratios = pos_neg_ratios(positive_counts, negative_counts, total_counts, min_count)
    review_vocab = set()
    for review in reviews:
        for word in review.split():
            if word in ratios.keys():
                if (ratios[word] >= polarity_cutoff) or (ratios[word] <= -polarity_cutoff):
                    review_vocab.add(word)
    return list(review_vocab)


class SentimentNetwork:
    def __init__(self, reviews, labels, min_count=10, polarity_cutoff=0.1, hidden_nodes=10,
                 learning_rate=0.1):
        np.random.seed(1)
        self.pre_process_data(reviews, labels, polarity_cutoff, min_count)
        self.init_network(len(self.review_vocab), hidden_nodes, 1, learning_rate)

    def pre_process_data(self, reviews, labels, polarity_cutoff, min_count):
        self.review_vocab = build_vocabulary(reviews, labels, min_count, polarity_cutoff)
        self.review_vocab_size = len(self.review_vocab)
        self.word2index = {}
        for i, word in enumerate(self.review_vocab):
            self.word2index[word] = i

    def init_network(self, input_nodes, hidden_nodes, output_nodes, learning_rate):
        self.input_nodes = input_nodes
        self.hidden_nodes = hidden_nodes
        self.output_nodes = output_nodes
        self.learning_rate = learning_rate
        self.weights_0_1 = np.zeros((self.input_nodes, self.hidden_nodes))
        self.weights_1_2 = np.random.normal(0.0, self.output_nodes**-0.5,
                                            (self.hidden_nodes, self.output_nodes))
        self.layer_1 = np.zeros((1, hidden_nodes))

    def get_target_for_label(self, label):
        return 1 if label == "POSITIVE" else 0

    def sigmoid(self, x):
        return 1 / (1 + np.exp(-x))

    def sigmoid_output_2_derivative(self, output):
        return output * (1 - output)

    def train(self, training_reviews_raw, training_labels):
        training_reviews = list()
        for review in training_reviews_raw:
            indices = set()
            for word in review.split():
                if word in self.word2index.keys():
                    indices.add(self.word2index[word])
            training_reviews.append(list(indices))
        assert len(training_reviews) == len(training_labels)
        correct_so_far = 0
        start = time.time()
        for i in range(len(training_reviews)):
            review = training_reviews[i]
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
            if layer_2 >= 0.5 and label == "POSITIVE":
                correct_so_far += 1
            elif layer_2 < 0.5 and label == "NEGATIVE":
                correct_so_far += 1
            elapsed_time = float(time.time() - start)
            reviews_per_second = i / elapsed_time if elapsed_time > 0 else 0
            if i % 500 == 0:
                sys.stdout.write("\rProgress:" + str(100 * i / float(len(training_reviews)))[:4]
                                 + "% Speed(reviews/sec):" + str(reviews_per_second)[0:5]
                                 + " #Correct:" + str(correct_so_far) + " #Trained:" + str(i + 1)
                                 + " Training Accuracy:"
                                 + str(correct_so_far * 100 / float(i + 1))[:4] + "%")
                print("")

    def run(self, review):
        self.layer_1 *= 0
        unique_indices = set()
        for word in review.lower().split():
            if word in self.word2index.keys():
                unique_indices.add(self.word2index[word])
        for index in unique_indices:
            self.layer_1 += self.weights_0_1[index]
        layer_2 = self.sigmoid(self.layer_1.dot(self.weights_1_2))
        if layer_2[0] >= 0.5:
            return "POSITIVE"
        else:
            return "NEGATIVE"
