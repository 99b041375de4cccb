"""A briefing on paper for each area: at most four A4 pages, typeset by Typst from the same numbers and
evidence as the area's web page, as a tagged PDF (PDF/UA-1) with a title, a language and alternative text
for every figure. No browser is involved: the chart is SVG drawn by vl-convert."""

from __future__ import annotations

import base64
import datetime
import json
from dataclasses import dataclass, field

import typst

#: The PDF's creation time is fixed, so the same page always gives the same bytes.
TIMESTAMP = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
BOOK_TITLE = "Involving parent carers in SEND"
KEY_NOTE = (
    "Each comparison says whether the area's 95% interval excludes the benchmark: Higher, Lower or Similar, "
    "or Better and Worse where the indicator has a direction; Not compared when there is no interval or too "
    "few cases. The web page has every figure's source and trend."
)
#: The PDF standard the briefing meets: PDF/UA-1 (Typst refuses to write a PDF that breaks it).
PDF_STANDARDS = ["ua-1"]


def _string(text) -> str:
    """A Typst string literal (JSON's escapes are Typst's for these texts)."""
    return json.dumps("" if text is None else str(text), ensure_ascii=False)


def _text(text) -> str:
    """Text as Typst content, never read as markup."""
    return f"#{_string(text)}"


def typst_table(header: list[str], rows: list[list], widths: list[str], size: str = "8pt") -> str:
    """A table whose header row repeats on each page and is tagged as the table's header."""
    head = ", ".join(f"[*{_text(h)}*]" for h in header)
    body = ",\n    ".join(", ".join(f"[{_text(cell)}]" for cell in row) for row in rows)
    return (
        f"#text(size: {size})[#table(\n  columns: ({', '.join(widths)}),\n  inset: 3pt,\n"
        f"  stroke: 0.4pt + luma(150),\n  table.header({head}),\n    {body}\n)]"
    )


@dataclass
class Briefing:
    """What the briefing shows, already worded by the page that makes it."""

    area: str
    address: str
    data_date: str
    outcome: str
    headline_header: list[str]
    headline_rows: list[list]
    headline_sources: list[str]
    spine_rows: list[dict]
    spine_alt: str
    key_header: list[str]
    key_rows: list[list]
    key_note: str
    provenance: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{BOOK_TITLE}: {self.area}"

    def source(self) -> str:
        """The Typst document."""
        # One string: in Typst markup a ";" right after an expression would end it and vanish.
        sources = _text("; ".join(self.headline_sources) or "none")
        provenance = "\n".join(f"- {_text(line)}" for line in self.provenance)
        return "\n\n".join(
            [
                f"#set document(title: {_string(self.title)}, author: {_string(BOOK_TITLE)})",
                '#set text(lang: "en", region: "GB", font: ("Liberation Sans", "DejaVu Sans"), size: 9.5pt)',
                '#set page(paper: "a4", margin: (x: 1.5cm, top: 1.6cm, bottom: 1.6cm), '
                'numbering: "1 of 1", number-align: right)',
                "#show heading.where(level: 1): set text(size: 15pt)",
                "#show heading.where(level: 2): set text(size: 11.5pt)",
                f"#text(size: 10pt, fill: luma(60))[{_text(BOOK_TITLE)}]",
                f"= {_text(self.area)}",
                f"{_text(self.data_date)} \\\n"
                f"Web page: #link({_string(self.address)})[{_text(self.address)}]",
                "== Participation: the headline by theme",
                _text(self.outcome),
                typst_table(
                    self.headline_header, self.headline_rows, ["2.2fr", "1.6fr", "1.6fr", "1.6fr", "1.6fr"]
                ),
                f"#text(size: 8pt)[*Sources behind the levels*: {sources}.]",
                "== Every national indicator beside England and all areas",
                f"#figure(alt: {_string(self.spine_alt)})[\n{typst_spine(self.spine_rows)}\n]",
                "#text(size: 8pt)[England is the centre line of every row; the grey bar is the range of all "
                "areas (darker: the middle half); the tick is the region and the diamond the neighbours' "
                "mean. "
                "The triangle or circle is the area, with its value and comparison with England beside it.]",
                "== The indicators in figures",
                typst_table(
                    self.key_header,
                    self.key_rows,
                    ["2.3fr", "0.9fr", "1.5fr", "1.3fr", "1.3fr", "1.3fr"],
                    size="7.5pt",
                ),
                f"#text(size: 8pt)[{_text(self.key_note)}]",
                "== Provenance",
                f"#text(size: 8pt)[\n{provenance}\n]",
            ]
        )

    def pdf(self) -> bytes:
        """The briefing as a tagged PDF/UA-1 file."""
        return typst.compile(
            self.source().encode("utf-8"),
            format="pdf",
            pdf_standards=PDF_STANDARDS,
            timestamp=TIMESTAMP,
            ignore_system_fonts=False,
        )


#: The output metadata under which an executed page hands its briefing to the build.
METADATA_KEY = "send_book_briefing"


@dataclass
class BriefingLink:
    """The page's link to its briefing; the PDF itself travels in the output's metadata to the build,
    which writes it beside the site (so a page executed on another machine brings its briefing back)."""

    pdf: bytes
    href: str

    def _repr_html_(self):
        kilobytes = max(1, round(len(self.pdf) / 1024))
        link = (
            f'<p class="book-briefing"><a href="{self.href}" type="application/pdf">Download this profile '
            f"as a PDF, {kilobytes} KB</a> (a briefing of at most four A4 pages)</p>"
        )
        return link, {METADATA_KEY: base64.b64encode(self.pdf).decode("ascii")}


#: The area's marker on paper, by its comparison with England: fill colour and shape (as on the web page).
MARKERS = {
    "Better": ("#12436D", "up"),
    "Worse": ("#F46A25", "down"),
    "Higher": ("#801650", "up"),
    "Lower": ("#28A197", "down"),
    "Similar": ("#3D3D3D", "circle"),
    "Not compared": ("#FFFFFF", "circle"),
}
SPINE_CM = 7.0


def _x(position) -> str:
    """A spine position (England 0, furthest area +-1) as a distance from the row's left edge."""
    return f"{(float(position) + 1.05) / 2.1 * SPINE_CM:.3f}cm"


def _marker(flag: str, position) -> str:
    fill, shape = MARKERS.get(flag, MARKERS["Not compared"])
    stroke = "stroke: 0.6pt + black"
    if shape == "circle":
        mark = f"circle(radius: 3.2pt, fill: rgb({_string(fill)}), {stroke})"
        return f"place(dx: {_x(position)} - 3.2pt, dy: 2.8pt, {mark})"
    points = (
        "((0pt, 7pt), (8pt, 7pt), (4pt, 0pt))" if shape == "up" else "((0pt, 0pt), (8pt, 0pt), (4pt, 7pt))"
    )
    mark = f"polygon(fill: rgb({_string(fill)}), {stroke}, ..{points})"
    return f"place(dx: {_x(position)} - 4pt, dy: 2.5pt, {mark})"


def typst_spine(rows: list[dict]) -> str:
    """The spine chart drawn in Typst: one row per indicator, the same marks as the web page's chart."""
    cells = []
    for row in rows:
        marks = [
            f"place(dx: {_x(row['low'])}, dy: 3pt, rect(width: {_x(row['high'])} - {_x(row['low'])}, "
            "height: 6pt, fill: luma(221)))",
            f"place(dx: {_x(row['q1'])}, dy: 3pt, rect(width: {_x(row['q3'])} - {_x(row['q1'])}, "
            "height: 6pt, fill: luma(166)))",
            f"place(dx: {_x(0)}, line(start: (0pt, 0pt), end: (0pt, 12pt), stroke: 1pt + black))",
        ]
        if row.get("region") is not None and row["region"] == row["region"]:
            marks.append(
                f"place(dx: {_x(row['region'])}, dy: 1pt, line(length: 10pt, angle: 90deg, stroke: 1.6pt))"
            )
        if row.get("neighbours") is not None and row["neighbours"] == row["neighbours"]:
            marks.append(
                f"place(dx: {_x(row['neighbours'])} - 3pt, dy: 3pt, polygon(stroke: 0.8pt + black, "
                "(3pt, 0pt), (6pt, 3pt), (3pt, 6pt), (0pt, 3pt)))"
            )
        if row.get("position") is not None and row["position"] == row["position"]:
            marks.append(_marker(row["flag"], row["position"]))
        drawing = f"box(width: {SPINE_CM}cm, height: 12pt, {{ {'; '.join(marks)} }})"
        cells += [f"[{_text(row['label'])}]", f"[#{drawing}]", f"[{_text(row['shown'])}]"]
    return (
        "#text(size: 8pt)[#grid(columns: (5.2cm, " + f"{SPINE_CM}cm" + ", 1fr), column-gutter: 6pt, "
        "row-gutter: 5pt, align: (right + horizon, left + horizon, left + horizon),\n  "
        + ",\n  ".join(cells)
        + "\n)]"
    )


def page_address(path: str) -> str:
    """Where the page is published: the site's address (``html.baseurl`` in _config.yml) and the path."""
    import yaml

    from helpers import paths

    config = yaml.safe_load((paths.ROOT / "_config.yml").read_text(encoding="utf-8")) or {}
    base = ((config.get("html") or {}).get("baseurl") or "").rstrip("/")
    return f"{base}/{path}" if base else path


def provenance_lines(area_slug: str) -> list[str]:
    """A short provenance: the code version, the national data and the book's evidence files."""
    from helpers.data import manifest
    from helpers.stats.indicators import INDICATORS
    from helpers.version import code_version

    sources = sorted({s for indicator in INDICATORS.values() for s in indicator.sources})
    return [
        f"Code version {code_version()}.",
        "National data: " + "; ".join(manifest.get(s).citation() for s in sources) + ".",
        f"Evidence: the book's register (data/evidence/{area_slug}.yml), the coded inspection report where "
        "the book holds one, and the sources in its bibliography. The web page lists every file with its "
        "SHA-256 checksum.",
    ]
