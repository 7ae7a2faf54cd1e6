"""Data sets the suites train learners' networks on, generated from a seed: no files, no network.

`bike_sharing(seed)` imitates the hourly table of the course's bike-sharing project: a rental
count driven by the hour of the day (commuting peaks on working days, a midday hump at weekends),
the weekday, the season, the weather and the temperature. It is prepared the way the project
prepares the real table: the categorical fields become one-hot columns, the quantitative ones
and the target are standardised, and the last days are held out for validation.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

DUMMY_FIELDS = ("season", "weathersit", "mnth", "hr", "weekday")
QUANT_FIELDS = ("temp", "hum", "windspeed")


@dataclass(frozen=True)
class Split:
    """Features (records x columns) and the standardised count, for training and validation."""

    train_features: np.ndarray
    train_targets: np.ndarray
    val_features: np.ndarray
    val_targets: np.ndarray
    columns: tuple[str, ...]


def bike_sharing(seed: int, days: int = 400, val_days: int = 35) -> Split:
    """A seeded bike-sharing-like regression set, one record per hour, prepared like the course."""
    rides = hourly_rides(np.random.default_rng(seed), days)
    return prepare(rides, val_hours=val_days * 24)


def hourly_rides(rng: np.random.Generator, days: int) -> pd.DataFrame:
    """The raw table: one row per hour with its calendar, weather and the number of rentals."""
    day = np.repeat(np.arange(days), 24)
    hr = np.tile(np.arange(24), days)
    day_of_year = (day + int(rng.integers(0, 365))) % 365
    mnth = np.minimum(day_of_year // 31, 11) + 1
    season = (mnth % 12) // 3 + 1
    weekday = (day + int(rng.integers(0, 7))) % 7
    holiday_days = rng.choice(days, size=max(days // 40, 1), replace=False)
    holiday = np.isin(day, holiday_days).astype(int)
    workingday = ((weekday >= 1) & (weekday <= 5) & (holiday == 0)).astype(int)

    daily_temp = (0.5 - 0.3 * np.cos(2 * np.pi * (np.arange(days) + day_of_year[0]) / 365)
                  + _smooth_noise(rng, days, 0.06))
    temp = np.clip(daily_temp[day] + 0.06 * np.sin(2 * np.pi * (hr - 9) / 24)
                   + rng.normal(0.0, 0.015, day.size), 0.02, 1.0)
    hum = np.clip(0.6 + _smooth_noise(rng, day.size, 0.15)
                  - 0.1 * np.sin(2 * np.pi * (hr - 9) / 24), 0.0, 1.0)
    windspeed = np.clip(np.abs(rng.normal(0.19, 0.12, day.size)), 0.0, 0.85)
    weathersit = _weather_chain(rng, day.size)

    commute = (np.exp(-0.5 * ((hr - 8) / 1.0) ** 2) * 3.2
               + np.exp(-0.5 * ((hr - 17.5) / 1.3) ** 2) * 3.6
               + np.exp(-0.5 * ((hr - 13) / 3.0) ** 2) * 0.8)
    leisure = np.exp(-0.5 * ((hr - 14) / 3.2) ** 2) * 2.6
    night = 0.06 + 0.25 * ((hr >= 6) & (hr <= 22))
    profile = np.where(workingday == 1, commute, leisure) + night
    season_factor = np.array([0.55, 1.0, 1.15, 0.9])[season - 1]
    weather_factor = np.array([1.0, 0.85, 0.45, 0.1])[weathersit - 1]
    temp_factor = np.exp(-((temp - 0.68) / 0.35) ** 2)
    friday = np.where(weekday == 5, 1.1, 1.0)
    rate = 250.0 * profile * season_factor * weather_factor * temp_factor * friday \
        * (1 - 0.3 * windspeed)
    cnt = rng.negative_binomial(20, 20 / (20 + rate))

    return pd.DataFrame({"season": season, "mnth": mnth, "hr": hr, "holiday": holiday,
                         "weekday": weekday, "workingday": workingday, "weathersit": weathersit,
                         "temp": temp, "hum": hum, "windspeed": windspeed, "cnt": cnt})


def prepare(rides: pd.DataFrame, val_hours: int) -> Split:
    """The project's preparation: one-hot fields, standardised numbers, the last hours held out."""
    data = pd.get_dummies(rides, columns=list(DUMMY_FIELDS), dtype=float)
    data = data.drop(columns=["workingday"])
    for field in (*QUANT_FIELDS, "cnt"):
        mean, std = data[field].mean(), data[field].std()
        data[field] = (data[field] - mean) / std
    features = data.drop(columns=["cnt"])
    targets = data["cnt"].to_numpy(dtype=float)
    values = features.to_numpy(dtype=float)
    return Split(train_features=values[:-val_hours], train_targets=targets[:-val_hours],
                 val_features=values[-val_hours:], val_targets=targets[-val_hours:],
                 columns=tuple(features.columns))


def _smooth_noise(rng: np.random.Generator, size: int, scale: float) -> np.ndarray:
    """An AR(1) series with stationary standard deviation `scale`: weather that persists."""
    keep = 0.9
    shocks = rng.normal(0.0, scale * np.sqrt(1 - keep**2), size)
    series = np.empty(size)
    series[0] = rng.normal(0.0, scale)
    for i in range(1, size):
        series[i] = keep * series[i - 1] + shocks[i]
    return series


def _weather_chain(rng: np.random.Generator, size: int) -> np.ndarray:
    """Weather situation 1 (clear) to 4 (heavy rain) per hour, changing now and then."""
    stay = 0.93
    p_next = np.array([0.64, 0.27, 0.085, 0.005])
    switch = rng.random(size) > stay
    draws = rng.choice(4, size=size, p=p_next) + 1
    situation = np.empty(size, dtype=int)
    situation[0] = draws[0]
    for i in range(1, size):
        situation[i] = draws[i] if switch[i] else situation[i - 1]
    return situation


def validation_curve(rng: np.random.Generator, epochs: int, late_dip: bool = False) -> list[float]:
    """The validation error of one training run, epoch by epoch, as early stopping meets it.

    It falls while the network learns and rises again once it overfits (a U), with noise, flat
    stretches where training stalls, and values rounded to 2 decimals, so that equal errors
    (ties) are common. With `late_dip`, the error falls again late in the run, below the first
    minimum: an early stop never sees that epoch, which tells "the best epoch seen" from "the
    best epoch of the whole run".
    """
    t = np.arange(epochs) / epochs
    bottom = rng.uniform(0.25, 0.6)
    curve = 0.3 + 0.6 * np.exp(-3 * t / bottom) + rng.uniform(0.8, 2.0) * np.maximum(
        t - bottom, 0.0) ** 2
    if late_dip:
        curve -= 0.2 * np.exp(-0.5 * ((t - 0.9) / 0.04) ** 2)
    errors = curve + rng.normal(0.0, 0.012, epochs)
    for _ in range(int(rng.integers(1, 4))):
        start = int(rng.integers(0, epochs - 3))
        errors[start:start + int(rng.integers(2, 6))] = errors[start]
    return [round(float(error), 2) for error in errors]


ADMISSIONS_FIELDS = ("gre", "gpa", "rank")


def admissions(seed: int, applicants: int = 400, test_share: float = 0.1) -> Split:
    """A seeded imitation of the course's graduate-admissions table (GRE score, GPA, the rank of
    the applicant's undergraduate school -> admitted), with its three features standardised as
    the course's notebook standardises them, and the last `test_share` of the applicants held
    out. Admission follows a logistic model with the signs of the real table's fit (a higher GRE
    and GPA help, a worse-ranked school hurts), so a single sigmoid unit learns something, and
    noise, so that it cannot learn everything."""
    rng = np.random.default_rng(seed)
    rank = rng.choice(4, size=applicants, p=[0.15, 0.38, 0.30, 0.17]) + 1
    ability = rng.normal(0.0, 1.0, applicants)
    gre = np.clip(np.round((588 + 80 * ability + 80 * rng.normal(0.0, 1.0, applicants)) / 10)
                  * 10, 220, 800)
    gpa = np.clip(np.round(3.39 + 0.22 * ability + 0.3 * rng.normal(0.0, 1.0, applicants), 2),
                  2.26, 4.0)
    logit = -12.8 + 0.0106 * gre + 2.7 * gpa - 1.05 * rank
    admit = (rng.random(applicants) < 1 / (1 + np.exp(-logit))).astype(float)
    table = pd.DataFrame({"gre": gre, "gpa": gpa, "rank": rank.astype(float)})
    features = ((table - table.mean()) / table.std()).to_numpy(dtype=float)
    held_out = int(round(applicants * test_share))
    return Split(train_features=features[:-held_out], train_targets=admit[:-held_out],
                 val_features=features[-held_out:], val_targets=admit[-held_out:],
                 columns=ADMISSIONS_FIELDS)


@dataclass(frozen=True)
class Regression:
    """A linear-regression table whose first `useful` features drive the target."""

    features: np.ndarray
    targets: np.ndarray
    useful: int


def irrelevant_features(seed: int, records: int = 120, useful: int = 3, useless: int = 5,
                        leak: float = 0.06) -> Regression:
    """Regression data with useless features, built so that the seed's claim about L1 and L2 is
    exact rather than likely: the features are uncorrelated with unit variance (features.T @
    features / records is the identity), the useful ones have weights of size 1 to 2, and the
    noise in the target correlates with each useless feature by between leak / 2 and leak,
    never less. So the unregularised least-squares weights of the useless features are small
    but never zero: an L2 penalty shrinks them and keeps them, an L1 penalty with lam > leak
    sets them to zero."""
    rng = np.random.default_rng(seed)
    n_features = useful + useless
    basis, _ = np.linalg.qr(rng.normal(0.0, 1.0, (records, n_features + 1)))
    features = basis[:, :n_features] * np.sqrt(records)
    weights = rng.uniform(1.0, 2.0, useful) * rng.choice([-1.0, 1.0], useful)
    leaks = rng.uniform(leak / 2, leak, useless) * rng.choice([-1.0, 1.0], useless)
    noise = basis[:, n_features] * np.sqrt(records) * 0.5 + features[:, useful:] @ leaks
    return Regression(features=features, targets=features[:, :useful] @ weights + noise,
                      useful=useful)


def stretched_classes(seed: int, records: int = 200, stretch: float = 10.0,
                      margin: float = 0.2) -> tuple[np.ndarray, np.ndarray]:
    """Two classes of points that a line through the origin separates with a margin, with
    the second feature shrunk `stretch` times: the weight it needs is `stretch` times larger
    and its curvature `stretch**2` times smaller, so that plain gradient descent crawls along
    it (the problem is ill-conditioned, with condition number about stretch**2) while
    momentum builds up speed. stretch=1 gives a well-conditioned set. Returns (features,
    labels 0 or 1)."""
    rng = np.random.default_rng(seed)
    angle = rng.uniform(np.pi / 6, np.pi / 3) * rng.choice([-1.0, 1.0])
    normal = np.array([np.cos(angle), np.sin(angle)])
    points = rng.normal(0.0, 1.0, (4 * records, 2))
    side = points @ normal
    points = points[np.abs(side) > margin][:records]
    labels = (points @ normal > 0).astype(float)
    return points * np.array([1.0, 1.0 / stretch]), labels


# --- movie reviews for the sentiment network ---------------------------------------------------

POSITIVE_WORDS = (
    "great", "excellent", "wonderful", "superb", "brilliant", "loved", "enjoyed", "amazing",
    "beautiful", "perfect", "touching", "delightful", "favorite", "fantastic", "charming",
    "moving", "masterpiece", "hilarious", "best", "gripping", "refreshing", "stunning",
    "fascinating", "heartwarming", "outstanding", "memorable", "splendid", "terrific",
    "impressive", "beautifully",
)
NEGATIVE_WORDS = (
    "awful", "terrible", "boring", "worst", "waste", "dull", "horrible", "bad", "poorly",
    "stupid", "mess", "disappointing", "annoying", "lame", "pointless", "ridiculous", "weak",
    "tedious", "mediocre", "unwatchable", "forgettable", "clumsy", "painful", "bland",
    "predictable", "dreadful", "laughable", "cheap", "pathetic", "worse",
)
# Words that lean one way only a little: kept by a low polarity cutoff, dropped by a high one.
MILD_POSITIVE_WORDS = ("good", "nice", "fine", "solid", "pleasant", "decent", "fun", "sweet")
MILD_NEGATIVE_WORDS = ("slow", "long", "odd", "silly", "messy", "flat", "uneven", "loud")
# Neutral words, most frequent first: as common in positive reviews as in negative ones.
NEUTRAL_WORDS = (
    "the", "a", "and", "of", "to", "is", "it", "in", "this", "that", "was", "movie", "film",
    "with", "as", "for", "but", "on", "his", "her", "they", "one", "story", "plot",
    "characters", "scene", "time", "about", "by", "an", "at", "be", "who", "from", "there",
    "have", "just", "he", "she", "all", "so", "its", "out", "what", "when", "some", "up", "like",
    "more", "them", "into", "only", "has", "than", "director", "actor", "actress", "music",
    "ending", "camera", "script", "cast", "budget", "sequel", "minutes", "hour", "night",
    "family", "city", "war", "life", "house", "school", "friend", "father", "mother", "car",
    "dog", "book", "version", "role", "part", "scenes", "end", "people", "world", "way", "man",
    "woman", "years", "first", "second", "after", "before", "while", "where", "then", "also",
    "very", "really", "even", "much", "little", "two", "three", "make", "made", "see", "seen",
    "watch", "watched", "think", "know", "get", "go", "going", "back", "still", "over", "set",
)
_SYLLABLE_ONSETS = ("b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z",
                    "br", "gr", "kr", "st", "tr", "sh", "ch", "th")
_SYLLABLE_NUCLEI = ("a", "e", "i", "o", "u", "ai", "ou", "ee")


@dataclass(frozen=True)
class Reviews:
    """Labelled reviews ("POSITIVE" or "NEGATIVE"), a training part and a held-out part."""

    train_reviews: tuple[str, ...]
    train_labels: tuple[str, ...]
    test_reviews: tuple[str, ...]
    test_labels: tuple[str, ...]


def movie_reviews(seed: int, train: int = 2500, test: int = 1000,
                  noise_types: int = 8000) -> Reviews:
    """Seeded reviews in the style of the sentiment project's IMDB data, made to need its noise
    reduction: each review is mostly neutral words (as frequent in positive reviews as in
    negative ones), a few sentiment words that mostly but not always agree with the label, and
    some made-up words (names, typos): a few of them common, most seen only a handful of times
    in the whole corpus. Without a minimum count the rare words swamp the vocabulary, and
    without a polarity cutoff so do the neutral ones. Words are lower case and separated by
    whitespace that is now and then a double space, a tab or a line break, and some reviews end
    in a space and a newline, as text pasted from the web does."""
    rng = np.random.default_rng(seed)
    vocabulary = [*NEUTRAL_WORDS, *POSITIVE_WORDS, *NEGATIVE_WORDS, *MILD_POSITIVE_WORDS,
                  *MILD_NEGATIVE_WORDS, *made_up_words(rng, noise_types).tolist()]
    first_of = np.cumsum([0, len(NEUTRAL_WORDS), len(POSITIVE_WORDS), len(NEGATIVE_WORDS),
                          len(MILD_POSITIVE_WORDS), len(MILD_NEGATIVE_WORDS)])
    count = train + test
    # Exactly half of each part is positive, as in the IMDB data: a lopsided corpus would
    # tilt every neutral word's ratio past the polarity cutoff.
    positive = np.concatenate([rng.permutation(size) < size // 2 for size in (train, test)])
    neutral_weights = 1.0 / np.arange(1, len(NEUTRAL_WORDS) + 1) ** 0.8
    noise_weights = 1.0 / np.arange(1, noise_types + 1)
    sizes = (rng.integers(12, 60, count), 2 + rng.poisson(2.0, count), rng.poisson(1.0, count),
             rng.poisson(2.5, count))
    neutral, strong, mild, rare = (np.repeat(np.arange(count), size) for size in sizes)
    codes = np.concatenate((
        rng.choice(len(NEUTRAL_WORDS), size=neutral.size,
                   p=neutral_weights / neutral_weights.sum()),
        _leaning(rng, positive[strong], 0.9, first_of[1], first_of[2], len(POSITIVE_WORDS)),
        _leaning(rng, positive[mild], 0.65, first_of[3], first_of[4], len(MILD_POSITIVE_WORDS)),
        first_of[5] + rng.choice(noise_types, size=rare.size,
                                 p=noise_weights / noise_weights.sum()),
    ))
    owners = np.concatenate((neutral, strong, mild, rare))
    order = np.argsort(owners + rng.random(owners.size))  # each review's words, shuffled
    ordered = [vocabulary[code] for code in codes[order].tolist()]
    gaps = np.array([" ", "  ", "\t", "\n"])[
        np.searchsorted([0.95, 0.98, 0.99], rng.random(owners.size), side="right")].tolist()
    spaced = [word + gap for word, gap in zip(ordered, gaps, strict=True)]
    ends = np.cumsum(sum(sizes))
    reviews = []
    for first, last, trailing in zip((ends - sum(sizes)).tolist(), ends.tolist(),
                                     (rng.random(count) < 0.1).tolist(), strict=True):
        text = "".join(spaced[first:last - 1]) + ordered[last - 1]
        reviews.append(text + " \n" if trailing else text)
    labels = ["POSITIVE" if label else "NEGATIVE" for label in positive.tolist()]
    return Reviews(train_reviews=tuple(reviews[:train]), train_labels=tuple(labels[:train]),
                   test_reviews=tuple(reviews[train:]), test_labels=tuple(labels[train:]))


def _leaning(rng: np.random.Generator, positive: np.ndarray, agree: float,
             positive_first: int, negative_first: int, size: int) -> np.ndarray:
    """The codes of one sentiment word per entry of `positive` (its review's label), agreeing
    with the label with probability `agree`."""
    which = rng.integers(0, size, positive.size)
    pick_positive = positive == (rng.random(positive.size) < agree)
    return np.where(pick_positive, positive_first, negative_first) + which


def made_up_words(rng: np.random.Generator, count: int) -> np.ndarray:
    """`count` distinct pronounceable non-words of two to four syllables (names, typos)."""
    known = set(POSITIVE_WORDS + NEGATIVE_WORDS + MILD_POSITIVE_WORDS + MILD_NEGATIVE_WORDS
                + NEUTRAL_WORDS)
    words: dict[str, None] = {}
    while len(words) < count:
        batch = 2 * (count - len(words)) + 16
        lengths = rng.integers(2, 5, batch)
        onsets = rng.integers(0, len(_SYLLABLE_ONSETS), (batch, 4)).tolist()
        nuclei = rng.integers(0, len(_SYLLABLE_NUCLEI), (batch, 4)).tolist()
        for length, onset, nucleus in zip(lengths.tolist(), onsets, nuclei, strict=True):
            word = "".join(_SYLLABLE_ONSETS[onset[i]] + _SYLLABLE_NUCLEI[nucleus[i]]
                           for i in range(length))
            if word not in known:
                words[word] = None
            if len(words) == count:
                break
    return np.array(list(words))
