"""Charts drawn on the server with pygal, as SVG put straight into the page: no script (pygal's
own is dropped), no inline style (pygal's stylesheet and style attributes are dropped; the
page's stylesheet colours the chart by pygal's classes), so the page's strict CSP holds. Each
chart is one image to a screen reader (``role="img"`` and its name); its numbers stand in a
table beside it."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup, escape

_DROP = [
    re.compile(r"<script\b.*?</script>", re.S),
    re.compile(r"<style\b.*?</style>", re.S),
    re.compile(r"<!--.*?-->", re.S),
    re.compile(r'\sstyle="[^"]*"'),
    re.compile(r"<title>Pygal</title>"),  # pygal's name for an untitled chart
]
_ROOT = re.compile(r"<svg\b([^>]*)>")


@functools.cache
def _sizes() -> Any:
    """The sizes pygal lays its chart out by (the page's stylesheet draws the text at these
    sizes). pygal is imported with the first chart, not at start-up."""
    from pygal.style import Style

    return Style(
        font_family="sans-serif",
        label_font_size=13,
        major_label_font_size=13,
        value_font_size=13,
        legend_font_size=13,
        title_font_size=15,
    )


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
    """A bar chart of ``series`` (name, values) over ``labels``; ``name`` is what it shows.
    Counts get whole-number ticks; values print with a space between thousands."""
    import pygal  # the first chart imports it (start-up does not)

    kind = pygal.HorizontalBar if horizontal else pygal.Bar
    values = [v for _title, vs in series for v in vs if v is not None]
    rows = max(len(labels), 1) * max(len(series), 1)
    chart = kind(
        disable_xml_declaration=True,
        js=[],
        show_legend=len(series) > 1,
        legend_at_bottom=True,
        print_values=True,
        print_zeroes=False,
        truncate_label=-1,
        truncate_legend=-1,
        width=720,
        height=max(240, 90 + 22 * rows) if horizontal else 360,
        margin=12,
        no_data_text="—",
        value_formatter=spaced,
        style=_sizes(),
    )
    if values and all(isinstance(v, int) for v in values):
        top = max([*values, 1])
        step = max(1, -(-top // 8))
        chart.y_labels = list(range(min([*values, 0]), top + step, step))
    order = slice(None, None, -1) if horizontal else slice(None)  # pygal draws upwards
    chart.x_labels = list(labels)[order]
    for title, data in series:
        chart.add(title, list(data)[order])
    return clean(chart.render(is_unicode=True), name)


def spaced(value: float | None) -> str:
    """``1 234 567`` (whole numbers, a space between thousands, as Swedish writes them)."""
    return "" if value is None else f"{value:,.0f}".replace(",", "\u202f")
