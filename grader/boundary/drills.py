"""Loops that run inside the learner process, on the learner's own objects.

Some checks need thousands of calls into the learner's code (training a network on a data set).
Sent one by one across the boundary they would take minutes, so the loop itself runs in the
learner process. Nothing it returns is trusted: suites fetch the learner's final state as data
and judge it on the trusted side. Only the functions named in DRILLS can be run this way.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

DRILLS: dict = {}


def train_network(network, features, targets, iterations, batch_size, seed, every=0):
    """The bike-sharing project's training loop: `iterations` random batches of `batch_size`
    records (drawn with replacement, from a generator seeded with `seed`), each record passed to
    `network.train(record, target)` one at a time. The suite runs the same function on the
    reference network, so both see the same batches in the same order.

    With `every`, it returns copies of the two weight matrices before the first batch and after
    every `every` batches (None where they are not numbers), so that the report can draw the
    loss per step without a second training run."""
    batches = np.random.default_rng(seed)
    seen = []
    for iteration in range(iterations):
        if every and iteration % every == 0:
            seen.append(_weights_of(network))
        batch = batches.choice(len(features), size=batch_size)
        for record, target in zip(features[batch], targets[batch], strict=True):
            network.train(record, target)
    if every:
        seen.append(_weights_of(network))
    return seen


def _weights_of(network):
    try:
        return [np.array(network.weights_input_to_hidden, dtype=float),
                np.array(network.weights_hidden_to_output, dtype=float)]
    except BaseException:  # even SystemExit: a snapshot only draws the loss curve, and the
        return None  # suite judges the final weights and says what is wrong with them


DRILLS["train_network"] = train_network


def call_with_counters(function, positive_counts, negative_counts, total_counts, *args):
    """Call `function` with the three word counts as collections.Counter objects, as the
    sentiment exercise promises (a missing word counts 0): on the wire a Counter is a plain
    dict, which raises KeyError for a missing word."""
    return function(Counter(positive_counts), Counter(negative_counts), Counter(total_counts),
                    *args)


def listed(items):
    """The items of what the learner returned, as a list: a set or a generator is not data,
    so it cannot travel back as it is."""
    return list(items)


DRILLS["call_with_counters"] = call_with_counters
DRILLS["listed"] = listed
