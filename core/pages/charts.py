"""Charts drawn on the server with pygal, as SVG put straight into the page: no script (pygal's
own is dropped), no inline style (pygal's stylesheet and style attributes are dropped; the
page's stylesheet colours the chart by pygal's classes), so the page's strict CSP holds. Each
chart is one image to a screen reader (``role="img"`` and its name); its numbers stand in a
table beside it."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pygal
from markupsafe import Markup, escape

_DROP = [
    re.compile(r"<script\b.*?</script>", re.S),
    re.compile(r"<style\b.*?</style>", re.S),
    re.compile(r"<!--.*?-->", re.S),
    re.compile(r'\sstyle="[^"]*"'),
    re.compile(r"<title>Pygal</title>"),  # pygal's name for an untitled chart
]
_ROOT = re.compile(r"<svg\b([^>]*)>")

Series = Sequence[tuple[str, Sequence[int | float | None]]]


def clean(svg: str, name: str) -> Markup:
    """pygal's SVG without its script, styles and comments, named for a screen reader."""
    for pattern in _DROP:
        svg = pattern.sub("", svg)
    label = escape(name)
    svg = _ROOT.sub(
        lambda m: (
            f'<svg{m.group(1)} role="img" aria-label="{label}" focusable="false">'
            f"<title>{label}</title>"
        ),
        svg,
        count=1,
    )
    return Markup(svg)  # pygal escapes the labels and values it writes


def bar_chart(name: str, labels: Sequence[str], series: Series, horizontal: bool = False) -> Markup:
    """A bar chart of ``series`` (name, values) over ``labels``; ``name`` is what it shows."""
    kind = pygal.HorizontalBar if horizontal else pygal.Bar
    chart = kind(
        disable_xml_declaration=True,
        js=[],
        show_legend=len(series) > 1,
        legend_at_bottom=True,
        print_values=True,
        print_zeroes=True,
        truncate_label=-1,
        truncate_legend=-1,
        width=720,
        height=360 if not horizontal else max(200, 60 + 48 * len(labels)),
        margin=12,
        no_data_text="—",
    )
    chart.x_labels = list(labels)
    for title, values in series:
        chart.add(title, list(values))
    return clean(chart.render(is_unicode=True), name)
