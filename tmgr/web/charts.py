"""Small bar charts drawn as SVG on the server (no script, no CDN)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

ROW_HEIGHT = 22
LABEL_WIDTH = 170
BAR_WIDTH = 260


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    kind: str = ""  # a CSS class: "pivot", "tm" or ""


def bar_chart(bars: Sequence[Bar], *, maximum: float, unit: str = "", title: str = "") -> Markup:
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
