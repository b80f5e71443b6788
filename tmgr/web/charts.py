"""Charts drawn on the server as inline SVG: no script, no library, no CDN.

Labels come in already translated; every bar and point carries a ``<title>`` so
its exact figure shows on hover and reaches screen readers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH, HEIGHT = 640, 236
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 44, 40
TICKS = 4  # grid lines above zero


def nice_max(value: float) -> float:
    """The top of the y axis: ``TICKS`` equal steps of 1, 2 or 5 × 10ⁿ, so counts get
    whole-number ticks (2 rejections: 0 1 2 3 4, never 0 0 1 2 3)."""
    if value <= 0:
        return float(TICKS)
    raw = value / TICKS
    magnitude = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    return float(step * TICKS)


def _frame(title: str, top: float, legend: Sequence[tuple[str, str]]) -> list[str]:
    """Title on the first line, the legend on its own line below it (never overlapping),
    the y axis with whole-number ticks."""
    inner_h = HEIGHT - TOP - BOTTOM
    parts = [f'<text class="chart-title" x="{LEFT}" y="14">{escape(title)}</text>']
    for i in range(TICKS + 1):
        y = TOP + inner_h - inner_h * i / TICKS
        parts.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" '
                     f'y2="{y:.1f}"/><text class="tick" x="{LEFT - 4}" y="{y + 4:.1f}" '
                     f'text-anchor="end">{round(top * i / TICKS):,}</text>'.replace(",", " "))
    x = LEFT
    for label, css in legend:
        parts.append(f'<rect class="{css}" x="{x}" y="21" width="10" height="10"/>'
                     f'<text class="legend" x="{x + 13}" y="30">{escape(label)}</text>')
        x += 27 + 7 * len(label)
    return parts


def _svg(parts: list[str], label: str) -> Markup:
    return Markup(f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
                  f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">'
                  + "".join(parts) + "</svg>")


def bar_chart(title: str, categories: Sequence[str],
              series: Sequence[tuple[str, Sequence[float], str]],
              top: float | None = None) -> Markup:
    """Grouped bars: one group per category, one bar per series (label, values, css);
    ``top``: the scale's top, shared by charts meant to be compared."""
    top = top or nice_max(max((v for _l, values, _c in series for v in values), default=0))
    parts = _frame(title, top, [(label, css) for label, _v, css in series])
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    group = inner_w / max(len(categories), 1)
    bar = group * 0.8 / max(len(series), 1)
    for i, category in enumerate(categories):
        x0 = LEFT + group * i + group * 0.1
        for j, (label, values, css) in enumerate(series):
            value = values[i]
            h = inner_h * value / top
            parts.append(f'<rect class="{css}" x="{x0 + bar * j:.1f}" '
                         f'y="{TOP + inner_h - h:.1f}" width="{max(bar - 1, 1):.1f}" '
                         f'height="{h:.1f}"><title>{escape(category)} · {escape(label)}: '
                         f'{value:g}</title></rect>')
        parts.append(f'<text class="tick" x="{x0 + group * 0.4:.1f}" '
                     f'y="{HEIGHT - BOTTOM + 14}" text-anchor="middle">'
                     f'{escape(category)}</text>')
    return _svg(parts, title)


def line_chart(title: str, points: Sequence[str],
               series: Sequence[tuple[str, Sequence[float], str]]) -> Markup:
    """Lines over ``points`` (x labels; every few are written under the axis)."""
    top = nice_max(max((v for _l, values, _c in series for v in values), default=0))
    parts = _frame(title, top, [(label, css) for label, _v, css in series])
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = inner_w / max(len(points) - 1, 1)
    for label, values, css in series:
        coords = " ".join(f"{LEFT + step * i:.1f},{TOP + inner_h - inner_h * v / top:.1f}"
                          for i, v in enumerate(values))
        parts.append(f'<polyline class="line {css}" fill="none" points="{coords}">'
                     f'<title>{escape(label)}: {values[-1] if values else 0:g}</title>'
                     f'</polyline>')
    every = max(1, len(points) // 6)
    for i, point in enumerate(points):
        if i % every == 0 or i == len(points) - 1:
            parts.append(f'<text class="tick" x="{LEFT + step * i:.1f}" '
                         f'y="{HEIGHT - BOTTOM + 14}" text-anchor="middle">'
                         f'{escape(point)}</text>')
    return _svg(parts, title)


# Horizontal bars, one per label (the MT report's figures per engine).
ROW_HEIGHT = 22
LABEL_WIDTH = 170
BAR_WIDTH = 260


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    kind: str = ""  # a CSS class: "pivot", "tm" or ""


def hbar_chart(bars: Sequence[Bar], *, maximum: float, unit: str = "",
               title: str = "") -> Markup:
    """Horizontal bars, one per label, scaled to ``maximum``; missing values say "–"."""
    height = ROW_HEIGHT * max(1, len(bars)) + 4
    width = LABEL_WIDTH + BAR_WIDTH + 60
    parts = [f'<svg class="chart" role="img" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
             f"<title>{escape(title)}</title>"]
    for index, bar in enumerate(bars):
        y = index * ROW_HEIGHT + 2
        parts.append(f'<text x="{LABEL_WIDTH - 6}" y="{y + 15}" text-anchor="end">'
                     f"{escape(bar.label)}</text>")
        if bar.value is None:
            parts.append(f'<text x="{LABEL_WIDTH + 4}" y="{y + 15}">–</text>')
            continue
        length = 0.0 if maximum <= 0 else BAR_WIDTH * min(1.0, max(0.0, bar.value / maximum))
        parts.append(f'<rect class="bar {escape(bar.kind)}" x="{LABEL_WIDTH}" y="{y + 3}" '
                     f'width="{length:.1f}" height="{ROW_HEIGHT - 6}" rx="2">'
                     f"<title>{escape(bar.label)}: {bar.value:g}{escape(unit)}</title></rect>")
        parts.append(f'<text x="{LABEL_WIDTH + length + 4:.1f}" y="{y + 15}">'
                     f"{bar.value:g}{escape(unit)}</text>")
    parts.append("</svg>")
    return Markup("".join(parts))
