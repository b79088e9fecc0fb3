"""Static SVG bar charts drawn as text at build time: no JavaScript, no fonts, no CDN.

Every chart carries ``role="img"``, a ``<title>`` and a ``<desc>`` (named by aria-labelledby),
prints in black and white (values are written next to the bars, segments have outlines),
and scales to the width of a phone through its viewBox. All text is XML-escaped here.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.xmltext import escape, quoteattr

WIDTH = 640
ROW = 26
BAR = 16
FONT = 13
LABEL_MAX = 220
COLORS = ("#3b6ea5", "#d9e2ec")  # dark and light fills: distinguishable in grayscale too


@dataclass(frozen=True)
class Bar:
    """One row: its label, segment values (one for a plain bar) and the text printed after it."""

    label: str
    values: tuple[float, ...]
    text: str


def text_width(text: str) -> float:
    """Estimated width in px at FONT size: CJK and full-width characters 1em, others 0.6em."""
    return sum(FONT if ord(ch) > 0x2E7F else FONT * 0.6 for ch in text)


def _fit(label: str, room: float) -> str:
    if text_width(label) <= room:
        return label
    while label and text_width(label + "…") > room:
        label = label[:-1]
    return label + "…"


def bar_chart(chart_id: str, title: str, desc: str, bars: list[Bar], legend: tuple[str, ...] = ()) -> str:
    """Horizontal (optionally stacked) bars; stacked rows are scaled to the largest row total."""
    label_w = min(LABEL_MAX, max((text_width(b.label) for b in bars), default=0)) + 8
    value_w = max((text_width(b.text) for b in bars), default=0) + 8
    plot_w = max(WIDTH - label_w - value_w - 8, 80)
    top = 8 + (ROW if legend else 0)
    height = top + ROW * len(bars) + 8
    scale = max((sum(b.values) for b in bars), default=0) or 1
    ident = quoteattr(chart_id)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" font-family="sans-serif" font-size="{FONT}" '
        f'aria-labelledby={quoteattr(chart_id + "-title " + chart_id + "-desc")} id={ident}>',
        f'<title id={quoteattr(chart_id + "-title")}>{escape(title)}</title>',
        f'<desc id={quoteattr(chart_id + "-desc")}>{escape(desc)}</desc>',
    ]
    x = label_w
    for i, name in enumerate(legend):
        out.append(f'<rect x="{x:.0f}" y="8" width="12" height="12" fill="{COLORS[i % 2]}" stroke="#333" stroke-width="0.5"/>')
        out.append(f'<text x="{x + 16:.0f}" y="18" fill="currentColor">{escape(name)}</text>')
        x += 16 + text_width(name) + 16
    for row, bar in enumerate(bars):
        y = top + row * ROW
        out.append("<g>")
        out.append(f"<title>{escape(bar.label)}: {escape(bar.text)}</title>")
        out.append(
            f'<text x="{label_w - 8:.0f}" y="{y + BAR - 3}" text-anchor="end" fill="currentColor">'
            f"{escape(_fit(bar.label, label_w - 8))}</text>"
        )
        x = label_w
        for i, value in enumerate(bar.values):
            w = plot_w * value / scale
            if w > 0:
                out.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{BAR}" fill="{COLORS[i % 2]}" '
                    'stroke="#333" stroke-width="0.5"/>'
                )
            x += w
        out.append(f'<text x="{x + 6:.1f}" y="{y + BAR - 3}" fill="currentColor">{escape(bar.text)}</text>')
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out) + "\n"
