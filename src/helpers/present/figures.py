"""A chart as the book publishes it: title, chart, description, source note, data table and CSV.

The page draws the chart with vega-embed served by the site itself (see ``helpers.build.assets``), so
charts render with no network. Element ids come from the chart's content, so re-running a notebook
reproduces its output exactly.
"""

from __future__ import annotations

import hashlib
import html
import json
import urllib.parse
from dataclasses import dataclass
from functools import cached_property

import altair as alt
import pandas as pd

from helpers.present import tables


def chart_spec(chart: alt.TopLevelMixin, validate: bool = False) -> dict:
    """The Vega-Lite spec of a chart, without the ``$schema`` URL (the site makes no outside requests).

    Pages skip Altair's JSON-schema validation, which costs more than drawing the chart; the tests
    validate every kind of figure the book draws (tests/test_charts.py).
    """
    spec = chart.to_dict(validate=validate)
    spec.pop("$schema", None)
    return spec


@dataclass
class Figure:
    """A chart with everything a reader needs to check it."""

    chart: alt.TopLevelMixin
    title: str
    description: str
    source: str
    #: What the reader sees beside the chart: display strings, rounded.
    table: pd.DataFrame
    table_caption: str
    #: What the CSV link downloads: the values at full precision.
    data: pd.DataFrame
    csv_name: str
    #: The address of the definition of the indicator (or indicators) the chart shows, if any.
    definition: str | None = None

    @cached_property
    def spec_json(self) -> str:
        """The chart's spec as compact JSON, made once (serialising and validating is the slow part)."""
        return json.dumps(chart_spec(self.chart), sort_keys=True, separators=(",", ":"))

    @property
    def element_id(self) -> str:
        return f"chart-{hashlib.sha256(self.spec_json.encode()).hexdigest()[:12]}"

    def __repr__(self) -> str:
        return f"Figure: {self.title}"

    def _repr_html_(self) -> str:
        element = self.element_id
        # "</" must not appear inside an inline script.
        spec = self.spec_json.replace("</", "<\\/")
        csv = urllib.parse.quote(self.data.to_csv(index=False))
        # The chart is named by its title alone: its long description is the caption, read once.
        # The data table follows the figure (a figure's caption must be its first or last child).
        return (
            f'<figure class="book-figure" id="{element}-figure">\n'
            f'<div class="book-chart" id="{element}" role="img" tabindex="0" '
            f'aria-label="{html.escape(self.title)}"></div>\n'
            f'<script type="text/javascript">\n'
            f"(function () {{\n"
            f"  var spec = {spec};\n"
            f'  var root = document.documentElement.dataset.content_root || "";\n'
            f'  var element = document.getElementById("{element}");\n'
            f'  var name = element.getAttribute("aria-label");\n'
            # No chart binds an input, so Vega adds no (empty) form of input controls.
            f'  vegaEmbed(element, spec, {{actions: false, renderer: "svg", '
            f'loader: {{baseURL: root}}, config: {{events: {{bind: "none"}}}}}})\n'
            f"    .then(function () {{ {_AFTER_DRAWING}(element, name); }})\n"
            f"    .catch(function (error) {{ element.textContent = "
            f'"The chart could not be drawn: " + error; }});\n'
            f"}})();\n"
            f"</script>\n"
            f"<figcaption>\n"
            f'<p class="book-figure-description">{html.escape(self.description)}</p>\n'
            f'<p class="book-figure-source">Source: {html.escape(self.source)}</p>\n'
            + (
                f'<p class="book-figure-definition"><a href="{html.escape(self.definition)}">How the '
                "indicator is defined</a></p>\n"
                if self.definition
                else ""
            )
            + f"</figcaption>\n"
            f"</figure>\n"
            f'<details class="book-figure-data">\n<summary>Data behind this chart</summary>\n'
            f"{tables.html_table(self.table, self.table_caption)}\n"
            f'<p><a download="{html.escape(self.csv_name)}" '
            f'href="data:text/csv;charset=utf-8,{csv}">Download the data as CSV '
            f"({html.escape(self.csv_name)})</a></p>\n"
            f"</details>"
        )


#: The smallest size, in CSS pixels, at which a chart's text may be drawn when the chart shrinks to fit
#: a narrow column: Vega-Lite's own size for axis labels.
LEGIBLE_TEXT_PX = 10
# Once a chart is drawn:
# - it may shrink to the column, but not below the width at which its smallest text is drawn at
#   LEGIBLE_TEXT_PX (nor ever grow beyond its own width to reach it); a narrower screen scrolls the
#   chart sideways inside its own element, which the keyboard can focus and scroll;
# - it is an image again, named by its title: Vega makes the element a "graphics-document" named by
#   the chart's long description, which the caption already gives, so a screen reader would hear it
#   twice;
# - the drawing is hidden from assistive technology: an image's content is presentational anyway,
#   and the values are in the data table.
_AFTER_DRAWING = (
    "(function (element, name) { "
    "element.setAttribute('role', 'img'); element.setAttribute('aria-label', name); "
    "element.removeAttribute('aria-roledescription'); "
    "var svg = element.querySelector('svg'); if (!svg) { return; } "
    "svg.setAttribute('aria-hidden', 'true'); "
    "var sizes = Array.prototype.map.call(svg.querySelectorAll('text'), "
    "function (text) { return parseFloat(text.getAttribute('font-size')) || Infinity; }); "
    "var smallest = Math.min.apply(null, sizes.concat([Infinity])); "
    f"var scale = Math.min(1, {LEGIBLE_TEXT_PX} / smallest); "
    "svg.style.minWidth = Math.ceil(svg.width.baseVal.value * scale) + 'px'; })"
)
