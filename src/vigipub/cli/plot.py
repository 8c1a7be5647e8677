"""Small self-contained SVG charts for results people would rather see than read.

Plain SVG written by hand: no plotting library in the dependencies, and the file opens in
any browser or can be embedded in a report.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

PALETTE = ["#000091", "#ce0500", "#18753c", "#b34000"]


def _num(value: float, scale: float) -> str:
    """Axis numbers: two decimals for rates (0–1), none for counts such as pages/s."""
    return f"{value:.2f}" if scale <= 1.0 else f"{value:.0f}"


def grouped_bars(
    title: str,
    groups: Sequence[str],
    series: dict[str, Sequence[float]],
    *,
    y_max: float = 1.0,
    floor: float | None = None,
    width: int = 760,
    height: int = 360,
    values_on_bars: bool = False,
) -> str:
    """An SVG grouped bar chart; ``floor`` draws a dashed target line (e.g. 0.95 precision)."""
    left, right, top, bottom = 48, 16, 40, 56
    plot_w, plot_h = width - left - right, height - top - bottom
    n_series = max(1, len(series))
    group_w = plot_w / max(1, len(groups))
    bar_w = group_w * 0.8 / n_series
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'font-family="DejaVu Sans, Arial, sans-serif" font-size="12">',
        f'<rect width="{width}" height="{height}" fill="#fff"/>',
        f'<text x="{width / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">{escape(title)}</text>',
    ]
    for i in range(6):
        value = y_max * i / 5
        y = top + plot_h - plot_h * value / y_max
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{_num(value, y_max)}</text>')
    for gi, group in enumerate(groups):
        x0 = left + gi * group_w + group_w * 0.1
        for si, (name, values) in enumerate(series.items()):
            raw = float(values[gi])
            value = max(0.0, min(y_max, raw))
            h = plot_h * value / y_max
            x = x0 + si * bar_w
            parts.append(
                f'<rect x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{bar_w - 2:.1f}" height="{h:.1f}" '
                f'fill="{PALETTE[si % len(PALETTE)]}"><title>{escape(name)} {escape(group)}: {value:.3f}</title></rect>'
            )
            if values_on_bars:
                label = f"{raw:.1f}" if raw < 10 else f"{raw:.0f}"
                parts.append(
                    f'<text x="{x + (bar_w - 2) / 2:.1f}" y="{top + plot_h - h - 5:.1f}" text-anchor="middle" '
                    f'font-weight="bold">{label}</text>'
                )
        parts.append(
            f'<text x="{left + gi * group_w + group_w / 2:.1f}" y="{top + plot_h + 16}" text-anchor="middle">'
            f"{escape(group)}</text>"
        )
    if floor is not None:
        y = top + plot_h - plot_h * floor / y_max
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#000" '
                     f'stroke-dasharray="5,4"/>')
        parts.append(f'<text x="{width - right}" y="{y - 4:.1f}" text-anchor="end">target {_num(floor, y_max)}</text>')
    for si, name in enumerate(series):
        x = left + si * 130
        parts.append(f'<rect x="{x}" y="{height - 22}" width="12" height="12" fill="{PALETTE[si % len(PALETTE)]}"/>')
        parts.append(f'<text x="{x + 16}" y="{height - 12}">{escape(name)}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
