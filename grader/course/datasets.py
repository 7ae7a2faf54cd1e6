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
