"""The generated data sets behind squared_error, regularization and sgd_momentum have the
properties their suites rely on: seeded, shaped as the exercise says, and (where a suite's
bound depends on it) built so that the bound holds."""

from __future__ import annotations

import numpy as np
import pytest

from grader.course import datasets


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


def test_admissions_is_seeded_and_standardised():
    first, again, other = (datasets.admissions(seed) for seed in (7, 7, 8))
    assert np.array_equal(first.train_features, again.train_features)
    assert np.array_equal(first.val_targets, again.val_targets)
    assert not np.array_equal(first.train_features, other.train_features)
    assert first.columns == ("gre", "gpa", "rank")
    features = np.vstack([first.train_features, first.val_features])
    assert features.shape == (400, 3)
    assert np.allclose(features.mean(axis=0), 0.0, atol=1e-9)
    assert np.allclose(features.std(axis=0, ddof=1), 1.0)
    assert len(first.val_targets) == 40
    assert set(np.unique(first.train_targets)) == {0.0, 1.0}


@pytest.mark.parametrize("seed", range(5))
def test_admissions_can_be_learned_without_a_bias(seed):
    """One sigmoid unit without a bias, trained by batch gradient descent as the course does,
    does clearly better than always answering the more common label."""
    data = datasets.admissions(seed)
    weights = np.zeros(3)
    for _ in range(300):
        output = _sigmoid(data.train_features @ weights)
        error_term = (data.train_targets - output) * output * (1 - output)
        weights += 0.5 * error_term @ data.train_features / len(output)
    accuracy = np.mean((_sigmoid(data.train_features @ weights) > 0.5) == data.train_targets)
    majority = max(data.train_targets.mean(), 1 - data.train_targets.mean())
    assert accuracy > majority + 0.1
    assert weights[0] > 0 and weights[1] > 0 and weights[2] < 0  # GRE, GPA help; rank hurts


@pytest.mark.parametrize("seed", range(5))
def test_irrelevant_features_make_the_regularisation_claim_exact(seed):
    data = datasets.irrelevant_features(seed, leak=0.06)
    X, y, m = data.features, data.targets, len(data.targets)
    assert np.allclose(X.T @ X / m, np.eye(X.shape[1]), atol=1e-10)
    least_squares = X.T @ y / m
    assert (np.abs(least_squares[:data.useful]) >= 1.0).all()
    assert (np.abs(least_squares[:data.useful]) <= 2.0).all()
    leaks = np.abs(least_squares[data.useful:])
    assert (leaks >= 0.03 - 1e-12).all() and (leaks <= 0.06 + 1e-12).all()


@pytest.mark.parametrize("seed", range(5))
def test_stretched_classes_are_separable_and_stretched(seed):
    features, labels = datasets.stretched_classes(seed, records=200, stretch=10.0)
    assert features.shape == (200, 2)
    assert set(np.unique(labels)) == {0.0, 1.0}
    unstretched = features * np.array([1.0, 10.0])
    assert unstretched[:, 1].std() > 5 * features[:, 1].std()
    # A line through the origin separates the classes with the promised margin.
    angles = np.linspace(-np.pi, np.pi, 7201)
    normals = np.stack([np.cos(angles), np.sin(angles)], axis=1)
    sides = unstretched @ normals.T * np.where(labels == 1, 1.0, -1.0)[:, None]
    assert sides.min(axis=0).max() > 0.19


def _train(features, labels, beta, seed, epochs=20, batch_size=20, learnrate=1.0):
    """Momentum SGD as sgd_momentum's contract defines it, written independently here."""
    shuffles = np.random.default_rng(seed)
    weights, velocity = np.zeros(2), np.zeros(2)
    for _ in range(epochs):
        order = shuffles.permutation(len(labels))
        for start in range(0, len(order), batch_size):
            batch = order[start:start + batch_size]
            output = _sigmoid(features[batch] @ weights)
            velocity = beta * velocity + features[batch].T @ (output - labels[batch]) / len(batch)
            weights = weights - learnrate * velocity
    z = features @ weights
    return float(np.mean(labels * np.logaddexp(0, -z) + (1 - labels) * np.logaddexp(0, z)))


def test_momentum_clearly_pays_on_the_stretched_classes():
    """The margin sgd_momentum's suite relies on: beta 0.9 well below beta 0 on every one of
    these data sets (bench/momentum_margin.py measures it over 10,000)."""
    ratios = []
    for seed in range(40):
        features, labels = datasets.stretched_classes(seed)
        ratios.append(_train(features, labels, 0.9, seed) / _train(features, labels, 0.0, seed))
    assert max(ratios) < 0.6
