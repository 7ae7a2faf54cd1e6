"""The class overview (`index.html`) and one report per learner (`learners/<learner>.html`).

Pure functions from a `ClassView` to HTML, rendered with the single-report templates' base and
macros, every string escaped. The pages are self-contained: the charts are inline SVG and the one
script (table sorting) is allowed by its hash in the page's Content-Security-Policy.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from markupsafe import Markup, escape

from grader.batch.classview import ClassView, ExerciseStats
from grader.course import paths as course
from grader.files import write_atomically
from grader.render.html import environment

INDEX = "index.html"
LEARNERS = "learners"
SCRIPT = "sort_table.js"

CHART_WIDTH, CHART_HEIGHT = 320, 150
CHART_LEFT, CHART_BOTTOM, CHART_TOP = 30, 24, 14
LINE_TOP = 10  # where the mean and median lines start
# A count label's box, for 10 px digits (template: .chart text): a digit's width, the height
# above the baseline, the depth below it; and the gap kept between a label and a line.
DIGIT_WIDTH, LABEL_ASCENT, LABEL_DESCENT, CLEARANCE = 6.5, 9.0, 2.0, 1.5


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    count: int
    label: str
    full: bool


@dataclass(frozen=True)
class Histogram:
    bars: list[Bar]
    ticks: list[tuple[float, str]]
    y_ticks: list[tuple[float, str]]
    mean_x: float | None
    median_x: float | None
    mean_segments: list[tuple[float, float]]  # the mean line, (y1, y2) pieces around labels
    median_segments: list[tuple[float, float]]
    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT
    left: int = CHART_LEFT
    base: int = CHART_HEIGHT - CHART_BOTTOM


def histogram(stats: ExerciseStats) -> Histogram:
    """Score distribution: one bar per point when scores are whole numbers, else ten bins."""
    top = float(stats.exercise.points)
    whole = all(float(s).is_integer() for s in stats.scores) and top <= 20
    edges = [float(i) for i in range(int(top) + 2)] if whole else \
        [top * i / 10 for i in range(11)]
    bins = len(edges) - 1
    counts = [0] * bins
    for score in stats.scores:
        index = int(score) if whole else min(bins - 1, int(score / top * 10) if top else 0)
        counts[max(0, min(bins - 1, index))] += 1
    plot_width = CHART_WIDTH - CHART_LEFT - 8
    plot_height = CHART_HEIGHT - CHART_BOTTOM - CHART_TOP
    base = CHART_HEIGHT - CHART_BOTTOM
    step = plot_width / bins
    peak = max(counts) if any(counts) else 1
    bars = []
    for index, count in enumerate(counts):
        height = plot_height * count / peak
        low, high = edges[index], edges[index + 1]
        label = f"{low:g}" if whole else f"{low:g}–{high:g}"
        bars.append(Bar(round(CHART_LEFT + index * step + 1, 2), round(base - height, 2),
                        round(max(step - 2, 1), 2), round(height, 2), count, label,
                        full=(low >= top - 1e-9) if whole else index == bins - 1))

    def x_of(score: float) -> float:
        position = (score + 0.5) / (top + 1) if whole else (score / top if top else 0)
        return round(CHART_LEFT + position * plot_width, 2)

    ticks = [(x_of(value), f"{value:g}") for value in sorted({0.0, round(top / 2), top})]
    y_ticks = [(round(base - plot_height * value / peak, 2), str(value))
               for value in sorted({0, peak})]
    mean_x = x_of(stats.mean) if stats.mean is not None else None
    median_x = x_of(stats.median) if stats.median is not None else None
    return Histogram(
        bars=bars, ticks=ticks, y_ticks=y_ticks, mean_x=mean_x, median_x=median_x,
        mean_segments=line_around_labels(mean_x, bars, base),
        median_segments=line_around_labels(median_x, bars, base))


def label_box(bar: Bar) -> tuple[float, float, float, float]:
    """Where a bar's count label is drawn (the template puts its baseline 3 px above the bar,
    centred): left, top, right, bottom."""
    half = DIGIT_WIDTH * len(str(bar.count)) / 2
    middle, baseline = bar.x + bar.width / 2, bar.y - 3
    return middle - half, baseline - LABEL_ASCENT, middle + half, baseline + LABEL_DESCENT


def line_around_labels(x: float | None, bars: list[Bar], base: float) -> list[tuple[float, float]]:
    """A vertical line at `x` from LINE_TOP to the axis, in pieces that leave out every count
    label it would cross, so that no label is hard to read under a dashed line."""
    if x is None:
        return []
    gaps = sorted((top - CLEARANCE, bottom + CLEARANCE)
                  for left, top, right, bottom in map(label_box, (b for b in bars if b.count))
                  if left - CLEARANCE <= x <= right + CLEARANCE)
    pieces, start = [], float(LINE_TOP)
    for top, bottom in gaps:
        if top > start:
            pieces.append((round(start, 2), round(top, 2)))
        start = max(start, bottom)
    if start < base:
        pieces.append((round(start, 2), round(float(base), 2)))
    return pieces


def script() -> str:
    return (course.templates_dir() / SCRIPT).read_text(encoding="utf-8")


def csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def learner_href(slug: str) -> str:
    return f"{LEARNERS}/{quote(slug)}.html"


def breakable(name: str) -> Markup:
    """An exercise name that may wrap after its underscores, so ten columns fit a page."""
    return Markup("_<wbr>").join(escape(part) for part in name.split("_"))


def render_index(view: ClassView) -> str:
    code = script()
    return environment().get_template("class.html.j2").render(
        view=view,
        histograms={s.exercise.name: histogram(s) for s in view.stats},
        learner_href=learner_href,
        breakable=breakable,
        script=Markup(code),
        script_policy=Markup(csp_hash(code)),
    )


def render_learner(view: ClassView, row) -> str:
    return environment().get_template("learner.html.j2").render(view=view, row=row)


def write(out: Path, view: ClassView) -> dict[str, list[Path]]:
    learners = []
    for row in view.learners:
        path = out / LEARNERS / f"{row.slug}.html"
        write_atomically(path, render_learner(view, row), below=out)
        learners.append(path)
    index = out / INDEX
    write_atomically(index, render_index(view), below=out)
    return {"index": [index], "learners": learners}
