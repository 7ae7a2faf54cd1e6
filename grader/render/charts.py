"""A result's charts as inline SVG, drawn by hand like the class page's histograms.

No plotting library: the report is one self-contained page whose content security policy allows
no scripts, so a chart must be static SVG, and the three kinds the suites record (lines over x,
segments over points, grouped bars) take a scale, ticks and a few paths each. A library that
writes SVG (matplotlib) would add tens of megabytes to every install and to the grading
sandbox's imports, write its own fonts and ids into the page, and still need this module's work
to make its text translatable and its colours follow the page's dark mode.

The chart's title and legend are HTML around the SVG, so that they wrap and stay at the page's
text size at 390 px; inside the SVG are the axes, the ticks, the axis labels and the series. Its
`<title>` and `aria-label` say in words what it shows: each series' size, first and last values.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from markupsafe import Markup, escape

from grader.i18n import N_, _
from grader.results import Chart, ChartKind, Role, Series

WIDTH, HEIGHT = 400, 260
LEFT, RIGHT, TOP, BOTTOM = 52, 12, 12, 42
LIMIT = 10_000.0  # a pixel coordinate beyond this is as good as off the chart
REACH = 1e300  # a range is cut to this either side of 0, so that its width stays a float
SHOWN_BARS = 12  # bars a text alternative lists one by one

ROLE_WORDS = {Role.LEARNER: N_("Yours"), Role.REFERENCE: N_("The course's"),
              Role.BOUND: N_("Needed"), Role.DATA: N_("Data")}


def legend_label(series: Series) -> str:
    """The series' own label (the suite wrote it in the result's language), else its role."""
    return series.label or _(ROLE_WORDS[series.role])


def svg(chart: Chart) -> Markup:
    """`chart` as a <figure>: caption, SVG and legend, every text escaped."""
    frame = _Frame.of(chart)
    alternative = describe(chart)
    parts = [f'<figure class="plot plot-{chart.kind.value}">',
             f"<figcaption>{escape(chart.title)}</figcaption>",
             f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(alternative)}">',
             f"<title>{escape(alternative)}</title>",
             *_axes(chart, frame)]
    if chart.kind is ChartKind.BARS:
        parts += _bars(chart, frame)
    else:
        parts += _lines(chart, frame)
    parts += _marks(chart, frame)
    parts.append("</svg>")
    parts.append('<ul class="plot-legend">')
    for series, style in zip(chart.series, _styles(chart), strict=True):
        parts.append(f'<li><span class="swatch {style}" aria-hidden="true"></span>'
                     f"{escape(legend_label(series))}</li>")
    parts.append("</ul></figure>")
    return Markup("\n".join(parts))


def describe(chart: Chart) -> str:
    """The chart in words, for screen readers and for whoever cannot see the picture."""
    sentences = [_("{title}: {y_label} against {x_label}.").format(
        title=chart.title, y_label=chart.y_label, x_label=chart.x_label)]
    for series in chart.series:
        label, points = legend_label(series), series.points
        if not points:
            sentences.append(_("{label}: nothing to draw.").format(label=label))
        elif chart.kind is ChartKind.BARS and series.role is not Role.BOUND:
            values = ", ".join(f"{_number(x)}: {_number(y)}" for x, y in points[:SHOWN_BARS])
            sentences.append(_("{label}: {values}.").format(label=label, values=values))
        elif chart.kind is ChartKind.PLANE and series.role is Role.DATA:
            sentences.append(_("{label}: {n} points.").format(label=label, n=len(points)))
        elif chart.kind is ChartKind.PLANE:
            (x0, y0), (x1, y1) = points[-2:] if len(points) > 1 else points * 2
            sentences.append(_("{label}: {n} lines, the last from ({x0}, {y0}) to ({x1}, {y1}).")
                             .format(label=label, n=len(points) // 2, x0=_number(x0),
                                     y0=_number(y0), x1=_number(x1), y1=_number(y1)))
        else:
            (x0, y0), (x1, y1) = points[0], points[-1]
            sentences.append(_("{label}: {n} points, from ({x0}, {y0}) to ({x1}, {y1}).")
                             .format(label=label, n=len(points), x0=_number(x0),
                                     y0=_number(y0), x1=_number(x1), y1=_number(y1)))
    sentences += [_("Marked: {label} at {x}.").format(label=mark.label, x=_number(mark.x))
                  for mark in chart.marks]
    return " ".join(sentences)


class _Frame:
    """The chart's data ranges and how they map to the SVG's pixels."""

    def __init__(self, x_range: tuple[float, float], y_range: tuple[float, float]) -> None:
        self.x_range, self.y_range = x_range, y_range

    @classmethod
    def of(cls, chart: Chart) -> _Frame:
        """Bars stand on 0; a plane is sized to its data points (its lines are cut to it); a
        curve holds every point, marks included."""
        if chart.kind is ChartKind.BARS:
            xs = [x for series in chart.series for x, _y in series.points] or [0.0]
            ys = [y for series in chart.series for _x, y in series.points] + [0.0]
            return cls(_padded(min(xs) - 0.5, max(xs) + 0.5, bottom=True, room=0.0),
                       _padded(min(ys), max(ys), bottom=False))
        shown = [series for series in chart.series if series.role is Role.DATA] \
            if chart.kind is ChartKind.PLANE else []
        points = [point for series in shown or chart.series for point in series.points]
        xs = [x for x, _y in points] + [mark.x for mark in chart.marks]
        ys = [y for _x, y in points]
        room = 0.3 if shown else 0.05  # lines that start far off the points come into view
        return cls(_padded(min(xs, default=0.0), max(xs, default=1.0), bottom=True, room=room),
                   _padded(min(ys, default=0.0), max(ys, default=1.0), bottom=True, room=room))

    def x(self, value: float) -> float:
        low, high = self.x_range
        return _clamped(LEFT + (value - low) / (high - low) * (WIDTH - LEFT - RIGHT))

    def y(self, value: float) -> float:
        low, high = self.y_range
        return _clamped(HEIGHT - BOTTOM - (value - low) / (high - low) * (HEIGHT - TOP - BOTTOM))


def _padded(low: float, high: float, bottom: bool, room: float = 0.05) -> tuple[float, float]:
    """The range with `room` (a share of it) on each side (above only, for bars on 0), cut to
    REACH: values near the largest float (a learner's 1e308 and -1e308) would make the width
    infinite and every coordinate nan; beyond REACH they are drawn at the chart's edge."""
    low, high = min(max(low, -REACH), REACH), min(max(high, -REACH), REACH)
    if high - low < 1e-12 * max(1.0, abs(high)):
        low, high = low - max(0.5, abs(low) * 0.1), high + max(0.5, abs(high) * 0.1)
    room = (high - low) * room
    return (low - room if bottom else low), high + room


def _clamped(pixel: float) -> float:
    return round(min(max(pixel, -LIMIT), LIMIT), 1)


def ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round values (1, 2 or 5 times a power of ten apart) between low and high."""
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(factor * power for factor in (1, 2, 5, 10) if factor * power >= raw)
    first = math.ceil(low / step) * step
    return [round(first + index * step, 12) for index in range(int((high - first) / step) + 1)]


def _number(value: float) -> str:
    return f"{value:.4g}"


def _axes(chart: Chart, frame: _Frame) -> Iterator[str]:
    base, left = HEIGHT - BOTTOM, LEFT
    yield (f'<line class="axis" x1="{left}" y1="{base}" x2="{WIDTH - RIGHT}" y2="{base}"/>'
           f'<line class="axis" x1="{left}" y1="{TOP}" x2="{left}" y2="{base}"/>')
    for value in ticks(*frame.y_range):
        y = frame.y(value)
        yield (f'<line class="grid" x1="{left}" y1="{y}" x2="{WIDTH - RIGHT}" y2="{y}"/>'
               f'<text x="{left - 5}" y="{y + 4}" text-anchor="end">{_number(value)}</text>')
    x_ticks = sorted({x for series in chart.series if series.role is not Role.BOUND
                      for x, _y in series.points}) \
        if chart.kind is ChartKind.BARS else ticks(*frame.x_range)  # a bound's ends are no bar
    for value in x_ticks[:SHOWN_BARS * 2]:
        yield (f'<text x="{frame.x(value)}" y="{base + 16}" text-anchor="middle">'
               f"{_number(value)}</text>")
    yield (f'<text class="axis-label" x="{(LEFT + WIDTH - RIGHT) / 2}" y="{HEIGHT - 6}" '
           f'text-anchor="middle">{escape(chart.x_label)}</text>')
    yield (f'<text class="axis-label" transform="translate(13 {(TOP + base) / 2}) rotate(-90)" '
           f'text-anchor="middle">{escape(chart.y_label)}</text>')


def _style(series: Series, data_index: int) -> str:
    return f"data-{data_index % 2}" if series.role is Role.DATA else series.role.value


def _styles(chart: Chart) -> list[str]:
    """Each series' classes: data series alternate two fills; in a curve, a line whose role an
    earlier line has (the learner's loss with momentum and without) is drawn `alt`, dotted."""
    styles, data_index, seen = [], 0, set()
    for series in chart.series:
        style = _style(series, data_index)
        data_index += series.role is Role.DATA
        if chart.kind is ChartKind.CURVE and series.role is not Role.DATA:
            style += " alt" if series.role in seen else ""
            seen.add(series.role)
        styles.append(style)
    return styles


def _lines(chart: Chart, frame: _Frame) -> Iterator[str]:
    for series, style in zip(chart.series, _styles(chart), strict=True):
        if series.role is Role.DATA:
            for x, y in series.points:
                yield f'<circle class="{style}" cx="{frame.x(x)}" cy="{frame.y(y)}" r="3.5"/>'
        elif chart.kind is ChartKind.PLANE:
            yield from _segments(series, style, frame)
        elif len(series.points) == 1:
            (x, y), = series.points
            yield f'<circle class="{style}" cx="{frame.x(x)}" cy="{frame.y(y)}" r="3"/>'
        elif series.points:
            path = " ".join(f"{frame.x(x)},{frame.y(y)}" for x, y in series.points)
            yield f'<polyline class="{style}" points="{path}"/>'


def _segments(series: Series, style: str, frame: _Frame) -> Iterator[str]:
    """One line per pair of points, each cut to the plot; the last drawn strongest, the earlier
    ones fainter the older they are (the boundary after each epoch)."""
    pairs = list(zip(series.points[::2], series.points[1::2], strict=False))
    for index, (start, end) in enumerate(pairs):
        cut = _cut(start, end, frame)
        if cut is None:
            continue
        (x0, y0), (x1, y1) = cut
        last = index == len(pairs) - 1
        opacity = 1.0 if last else round(0.15 + 0.35 * index / max(1, len(pairs) - 1), 2)
        yield (f'<line class="{style}{" last" if last else ""}" x1="{frame.x(x0)}" '
               f'y1="{frame.y(y0)}" x2="{frame.x(x1)}" y2="{frame.y(y1)}" '
               f'stroke-opacity="{opacity}"/>')


def _cut(start: tuple[float, float], end: tuple[float, float],
         frame: _Frame) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """The part of the segment inside the frame's ranges (Liang-Barsky), None if none is."""
    (x0, y0), (x1, y1) = start, end
    dx, dy = x1 - x0, y1 - y0
    if not math.isfinite(dx) or not math.isfinite(dy):
        return None
    low, high = 0.0, 1.0
    for step, room in ((-dx, x0 - frame.x_range[0]), (dx, frame.x_range[1] - x0),
                       (-dy, y0 - frame.y_range[0]), (dy, frame.y_range[1] - y0)):
        if step == 0:
            if room < 0:
                return None
            continue
        ratio = room / step
        if step < 0:
            low = max(low, ratio)
        else:
            high = min(high, ratio)
    if low > high:
        return None
    return (x0 + low * dx, y0 + low * dy), (x0 + high * dx, y0 + high * dy)


def _bars(chart: Chart, frame: _Frame) -> Iterator[str]:
    bars = [series for series in chart.series if series.role is not Role.BOUND]
    slot = (frame.x(1.0) - frame.x(0.0)) * 0.8 / max(1, len(bars))
    zero = frame.y(0.0)
    for index, series in enumerate(bars):
        style = _style(series, index)
        for x, y in series.points:
            left = frame.x(x) - slot * len(bars) / 2 + index * slot
            top = min(frame.y(y), zero)
            yield (f'<rect class="{style}" x="{round(left, 1)}" y="{top}" '
                   f'width="{round(slot, 1)}" height="{round(abs(frame.y(y) - zero), 1)}">'
                   f"<title>{escape(legend_label(series))}: {_number(y)}</title></rect>")
    for series in chart.series:
        if series.role is Role.BOUND and series.points:
            path = " ".join(f"{frame.x(x)},{frame.y(y)}" for x, y in series.points)
            yield f'<polyline class="bound" points="{path}"/>'


def _marks(chart: Chart, frame: _Frame) -> Iterator[str]:
    """Each mark's label on a line of its own, so that two marks at one x (the learner's stop
    and the course's, when they agree) stay readable; left of the line in the plot's right half,
    so that it is not cut off at the edge."""
    middle = (LEFT + WIDTH - RIGHT) / 2
    for index, mark in enumerate(chart.marks):
        x = frame.x(mark.x)
        y = TOP + 12 + 14 * index
        label = (f'x="{x - 4}" y="{y}" text-anchor="end"' if x > middle
                 else f'x="{x + 4}" y="{y}"')
        yield (f'<line class="mark" x1="{x}" y1="{TOP}" x2="{x}" y2="{HEIGHT - BOTTOM}"/>'
               f'<text class="mark-label" {label}>{escape(mark.label)}</text>')
