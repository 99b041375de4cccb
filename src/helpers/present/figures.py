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
        return (
            f'<figure class="book-figure" id="{element}-figure">\n'
            f'<div class="book-chart" id="{element}" role="img" '
            f'aria-label="{html.escape(self.title)}. {html.escape(self.description)}"></div>\n'
            f'<script type="text/javascript">\n'
            f"(function () {{\n"
            f"  var spec = {spec};\n"
            f'  var root = document.documentElement.dataset.content_root || "";\n'
            f'  vegaEmbed("#{element}", spec, {{actions: false, renderer: "svg", '
            f"loader: {{baseURL: root}}}})\n"
            f'    .catch(function (error) {{ document.getElementById("{element}").textContent = '
            f'"The chart could not be drawn: " + error; }});\n'
            f"}})();\n"
            f"</script>\n"
            f"<figcaption>\n"
            f'<p class="book-figure-description">{html.escape(self.description)}</p>\n'
            f'<p class="book-figure-source">Source: {html.escape(self.source)}</p>\n'
            f"</figcaption>\n"
            f"<details>\n<summary>Data behind this chart</summary>\n"
            f"{tables.html_table(self.table, self.table_caption)}\n"
            f'<p><a download="{html.escape(self.csv_name)}" '
            f'href="data:text/csv;charset=utf-8,{csv}">Download the data as CSV '
            f"({html.escape(self.csv_name)})</a></p>\n"
            f"</details>\n"
            f"</figure>"
        )
