"""Accessible HTML tables: a caption, column headers with scope, numbers right-aligned."""

from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass

import pandas as pd
from IPython.display import HTML


@dataclass(frozen=True)
class Link:
    """A table cell that links to a source: shown as its text, rendered as a link."""

    text: str
    url: str

    def __str__(self) -> str:
        return self.text


def _cell(value) -> str:
    if isinstance(value, Link):
        return f'<a href="{html.escape(value.url)}">{html.escape(value.text)}</a>'
    if isinstance(value, (list, tuple)):
        return "<br>".join(_cell(part) for part in value) if value else _cell(None)
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return '<span aria-hidden="true">&#8212;</span><span class="visually-hidden">not available</span>'
    return html.escape(str(value))


def html_table(
    frame: pd.DataFrame,
    caption: str,
    row_header: bool = True,
    row_attributes: list[dict[str, str]] | None = None,
    table_id: str | None = None,
) -> str:
    """Render a frame of display strings as an accessible HTML table.

    The first column is a row header when ``row_header`` is true. Values are shown as given (format
    them first); a :class:`Link` (or a list of them) becomes a link; missing values show as an em dash
    with "not available" for screen readers. ``row_attributes`` adds attributes (an ``id`` anchor, the
    ``data-`` values a filter reads) to each row.
    """
    head = "".join(f'<th scope="col">{html.escape(str(column))}</th>' for column in frame.columns)
    rows = []
    for position_row, values in enumerate(frame.itertuples(index=False)):
        cells = []
        for position, value in enumerate(values):
            text = _cell(value)
            if position == 0 and row_header:
                cells.append(f'<th scope="row">{text}</th>')
            else:
                cells.append(f"<td>{text}</td>")
        extra = (row_attributes or [{}] * len(frame))[position_row]
        attributes = "".join(f' {name}="{html.escape(str(value))}"' for name, value in extra.items())
        rows.append(f"<tr{attributes}>" + "".join(cells) + "</tr>")
    body = "\n".join(rows)
    id_attribute = f' id="{html.escape(table_id)}"' if table_id else ""
    caption_id = html.escape(caption_id_for(caption, body, table_id))
    # The caption sits outside the region that scrolls sideways, so a narrow screen never cuts it
    # off; the region and the table both take their name from it.
    return (
        '<div class="book-table-block">\n'
        f'<p class="book-table-caption" id="{caption_id}">{html.escape(caption)}</p>\n'
        f'<div class="book-table-wrapper" tabindex="0" role="region" aria-labelledby="{caption_id}">\n'
        f'<table class="book-table"{id_attribute} aria-labelledby="{caption_id}">\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>\n</div>\n</div>"
    )


def caption_id_for(caption: str, body: str, table_id: str | None = None) -> str:
    """The caption's element id: from the table's own id, or else from its content.

    Content, not a counter, so that re-running a page reproduces its output exactly.
    """
    if table_id:
        return f"{table_id}-caption"
    return f"table-{hashlib.sha256((caption + body).encode()).hexdigest()[:12]}-caption"


def table(frame: pd.DataFrame, caption: str, row_header: bool = True, **options) -> HTML:
    """The same table as a notebook display object."""
    return HTML(html_table(frame, caption, row_header, **options))
