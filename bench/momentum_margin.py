"""How safely a correct train_sgd passes sgd_momentum's two training checks.

    python bench/momentum_margin.py            # 10,000 simulated runs
    python bench/momentum_margin.py -n 1000

Each run draws a new data set and new shuffles, trains the reference solution as the suite
does, and records (1) the ratio of the training losses with beta 0.9 and beta 0 on the
ill-conditioned classes (the suite requires it below 1) and (2) the accuracy on the
well-conditioned classes under two different shuffles (the suite requires the learner's to be
within ACCURACY_SLACK of the reference's). The comments in the suite quote these figures.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader.course import catalog, datasets  # noqa: E402

catalog.builtin().importable()
import test_sgd_momentum as suite  # noqa: E402


def _reference():
    spec = importlib.util.spec_from_file_location("reference", ROOT / "solutions" /
                                                  "sgd_momentum.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--runs", type=int, default=10_000)
    runs = parser.parse_args().runs
    reference = _reference()
    draws = np.random.default_rng(2026)
    ratios, accuracy_gaps, worst_accuracy = [], [], 1.0
    for _ in range(runs):
        features, targets = datasets.stretched_classes(int(draws.integers(0, 2**31)),
                                                       stretch=10.0)
        seed = int(draws.integers(0, 2**31))
        losses = []
        for beta in suite.MOMENTUM_BETAS:
            np.random.seed(seed)
            setting = suite.MOMENTUM_SETTING
            weights = reference.train_sgd(features, targets, np.zeros(2), setting["epochs"],
                                          setting["batch_size"], setting["learnrate"], beta)
            losses.append(suite._log_loss(features, targets, weights))
        ratios.append(losses[1] / losses[0])

        features, targets = datasets.stretched_classes(int(draws.integers(0, 2**31)),
                                                       stretch=1.0)
        accuracies = []
        for seed in draws.integers(0, 2**31, size=2):
            np.random.seed(int(seed))
            setting = suite.ACCURACY_SETTING
            weights = reference.train_sgd(features, targets, np.zeros(2), setting["epochs"],
                                          setting["batch_size"], setting["learnrate"],
                                          setting["beta"])
            accuracies.append(float(np.mean((features @ weights > 0) == targets)))
        accuracy_gaps.append(abs(accuracies[0] - accuracies[1]))
        worst_accuracy = min(worst_accuracy, *accuracies)
    logs = np.log(ratios)
    print(f"{runs} runs")
    print(f"loss ratio beta 0.9 / beta 0: mean {np.mean(ratios):.3f}, max {max(ratios):.3f}; "
          f"log mean {logs.mean():.3f}, sd {logs.std():.3f}, the limit (log 1 = 0) is "
          f"{-logs.mean() / logs.std():.1f} sd above the mean")
    print(f"accuracy (well-conditioned): lowest {worst_accuracy:.3f}, largest gap between two "
          f"shuffles {max(accuracy_gaps):.3f} (slack {suite.ACCURACY_SLACK})")


if __name__ == "__main__":
    main()
