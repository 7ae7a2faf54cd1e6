"""The sentiment project: a network, built from scratch, that labels a movie review POSITIVE or
NEGATIVE, and the noise reduction that makes it fast.

Reviews are strings of lower-case words: split each one with review.split() (no argument, so
that double spaces, tabs and newlines all count as one gap). Labels are "POSITIVE" or "NEGATIVE".

1. count_words(reviews, labels) -> (positive_counts, negative_counts, total_counts): three
   collections.Counter objects counting every occurrence of every word (in positive reviews,
   in negative reviews, in all of them).
2. pos_neg_ratios(positive_counts, negative_counts, total_counts, min_count=50) -> dict: for
   each word seen at least min_count times, r = positive / (negative + 1), then ln(r) if r > 1,
   else -ln(1 / (r + 0.01)). Strongly positive words get large positive values, strongly
   negative words large negative ones, neutral words values near 0.
3. build_vocabulary(reviews, labels, min_count=10, polarity_cutoff=0.1): the noise reduction.
   Keep the words seen at least min_count times (rare words are noise) whose abs(ratio) >=
   polarity_cutoff (neutral words are noise too), with ratios from pos_neg_ratios(...,
   min_count). Return them as a list or a set.
   (The original course notebook differs in small ways: it splits on " ", computes ratios from
   50 occurrences whatever min_count is, and keeps the words that have no ratio. This course's
   definition is the one above.)
4. SentimentNetwork(reviews, labels, min_count=10, polarity_cutoff=0.1, hidden_nodes=10,
   learning_rate=0.1): word2index numbers the vocabulary's words 0, 1, 2, ...; weights_0_1 is
   zeros of shape (vocabulary size, hidden_nodes); weights_1_2 is drawn from
   np.random.normal(0.0, output_nodes ** -0.5, (hidden_nodes, output_nodes)), output_nodes = 1.
   train(reviews, labels) makes one pass in order. For each review, with target 1 for POSITIVE
   and 0 for NEGATIVE:
       hidden  = sum of the weights_0_1 rows of the review's DISTINCT known words   (1, hidden)
       output  = sigmoid(hidden @ weights_1_2)              (the hidden layer is linear)
       delta_2 = (output - target) * output * (1 - output)
       delta_1 = delta_2 @ weights_1_2.T                    (before weights_1_2 changes)
       weights_1_2 -= hidden.T @ delta_2 * learning_rate
       each of the review's rows of weights_0_1 -= delta_1 * learning_rate
   Only the rows of the review's words are touched: no input vector as long as the vocabulary.
   run(review) returns "POSITIVE" when the output is >= 0.5, else "NEGATIVE".
   Calling np.random.seed(1) in __init__, as the notebook does, is allowed.

Check your work with:  grader check sentiment_network.py
"""

from collections import Counter

import numpy as np


def count_words(reviews, labels):
    """Return (positive_counts, negative_counts, total_counts), three Counters."""
    raise NotImplementedError


def pos_neg_ratios(positive_counts, negative_counts, total_counts, min_count=50):
    """Return a dict from each word seen at least min_count times to its log ratio."""
    raise NotImplementedError


def build_vocabulary(reviews, labels, min_count=10, polarity_cutoff=0.1):
    """Return the words that survive the noise reduction."""
    raise NotImplementedError


class SentimentNetwork:
    def __init__(self, reviews, labels, min_count=10, polarity_cutoff=0.1, hidden_nodes=10,
                 learning_rate=0.1):
        # TODO: self.word2index, self.weights_0_1 and self.weights_1_2 (see above).
        raise NotImplementedError

    def sigmoid(self, x):
        return 1 / (1 + np.exp(-x))

    def train(self, training_reviews, training_labels):
        # TODO: one pass over the reviews, in order, updating both weight matrices.
        raise NotImplementedError

    def run(self, review):
        # TODO: the forward pass for one review; return "POSITIVE" or "NEGATIVE".
        raise NotImplementedError


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
