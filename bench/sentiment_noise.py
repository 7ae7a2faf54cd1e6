"""Benchmark the sentiment project's noise reduction: vocabulary size, training time, accuracy.

    python bench/sentiment_noise.py          # 5 generated corpora
    python bench/sentiment_noise.py -n 10

For each seeded corpus of generated reviews (grader/course/datasets.py, 2,500 to train on and
1,000 held out), the reference SentimentNetwork is built and trained once over the training
reviews without noise reduction (min_count=1, polarity_cutoff=0.0: every word is kept) and with
the course's defaults (min_count=10, polarity_cutoff=0.1). The medians are printed with the
machine's load: time depends on the machine, so compare the two rows of one run, not runs.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader.course import datasets  # noqa: E402
from grader.course import paths as course  # noqa: E402

SETTINGS = (("without noise reduction", 1, 0.0), ("with noise reduction", 10, 0.1))


def _reference():
    spec = importlib.util.spec_from_file_location("reference_sentiment_network",
                                                  course.solution_path("sentiment_network"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--corpora", type=int, default=5)
    options = parser.parse_args()
    reference = _reference()
    rows = {name: {"words": [], "build": [], "train": [], "accuracy": []}
            for name, _, _ in SETTINGS}
    for seed in range(options.corpora):
        data = datasets.movie_reviews(seed)
        for name, min_count, cutoff in SETTINGS:
            np.random.seed(seed)
            started = time.perf_counter()
            network = reference.SentimentNetwork(data.train_reviews, data.train_labels,
                                                 min_count, cutoff)
            built = time.perf_counter()
            network.train(data.train_reviews, data.train_labels)
            trained = time.perf_counter()
            row = rows[name]
            row["words"].append(len(network.word2index))
            row["build"].append(built - started)
            row["train"].append(trained - built)
            row["accuracy"].append(network.test(data.test_reviews, data.test_labels))
    print(f"{options.corpora} corpora of {len(data.train_reviews)} training and "
          f"{len(data.test_reviews)} held-out reviews; medians; load average "
          + " ".join(f"{load:.1f}" for load in os.getloadavg()))
    print(f"{'':26} {'vocabulary':>10} {'build (s)':>10} {'train (s)':>10} {'accuracy':>9}")
    for name, row in rows.items():
        print(f"{name:26} {statistics.median(row['words']):10.0f} "
              f"{statistics.median(row['build']):10.2f} {statistics.median(row['train']):10.2f} "
              f"{statistics.median(row['accuracy']):9.1%}")


if __name__ == "__main__":
    main()
