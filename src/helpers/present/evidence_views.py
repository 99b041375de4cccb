"""How the evidence register appears in the book: area sections and the register, framework and
bibliography chapters. Everything shown is derived from the coded items by the rules in
``helpers.evidence.participation``, whose wording is rendered here wherever a rule is explained."""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

import pandas as pd
from IPython.display import HTML, Markdown

from helpers.data import areas, inspection_reports
from helpers.evidence import evidence_base, inspection_coding, participation
from helpers.evidence import register as evidence_register
from helpers.evidence.register import NATIONAL, CodedItem
from helpers.present import charts, tables
from helpers.present.charts import PALETTE
from helpers.present.figures import Figure
from helpers.present.narrative import listing
from helpers.present.tables import Link

#: Kinds of evidence grouped for the timeline (at most four categories, each with its own shape).
KIND_GROUPS = {
    "Inspections and reviews": (("inspection", "review"), PALETTE["dark blue"], "circle"),
    "Council strategies and charters": (("strategy", "charter"), PALETTE["turquoise"], "square"),
    "Families, forums and campaigns": (
        ("survey", "focus group", "forum activity", "campaign"),
        PALETTE["orange"],
        "triangle-up",
    ),
    "News and opinion": (("news", "opinion"), PALETTE["dark pink"], "diamond"),
}
#: The timeline's rows: whose account each document is, each with its own colour and shape.
PERSPECTIVE_STYLES = {
    participation.PERSPECTIVES["independent"]: (PALETTE["dark blue"], "circle"),
    participation.PERSPECTIVES["families"]: (PALETTE["orange"], "triangle-up"),
    participation.PERSPECTIVES["claimed"]: (PALETTE["turquoise"], "square"),
}
PERSPECTIVE_STYLES_ORDER = participation.PERSPECTIVES


def collapsed_list(markdown_list: str, summary: str) -> HTML:
    """A Markdown bullet list (text with [label](url) links) as a list collapsed under a summary."""
    items = [line[2:] for line in markdown_list.splitlines() if line.startswith("- ")]
    listed = "".join(f"<li>{markdown_paragraph(item)[3:-4]}</li>" for item in items)
    return HTML(
        f"<details><summary>{html.escape(summary)} ({len(items)})</summary><ul>{listed}</ul></details>"
    )


def _link_html(link: Link) -> str:
    return f'<a href="{html.escape(link.url)}">{html.escape(link.text)}</a>'


def markdown_paragraph(text: str) -> str:
    """A paragraph of HTML from text with [label](url) links and **bold** (the only markup it needs)."""
    import re

    escaped = html.escape(text)
    linked = re.sub(r"\[([^\]]+)\]\(([^)]+)\)", r'<a href="\2">\1</a>', escaped)
    return "<p>" + re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", linked) + "</p>"


def figure_text(figure: evidence_register.Figure) -> str:
    """'63% did not feel at all involved (survey respondents)', '£20 million capital for ...'."""
    number = f"{figure.value:,g}"
    if figure.unit == "%":
        amount = f"{number}%"
    elif figure.unit.startswith("£"):
        amount = f"£{number}{figure.unit[1:]}"
    elif figure.measure.lower().startswith(figure.unit.lower()):
        amount = number  # the measure already names the unit ("areas of significant weakness")
    else:
        amount = f"{number} {figure.unit}"
    qualified = f"{figure.qualifier} {amount}" if figure.qualifier else amount
    return f"{qualified} {figure.measure}" + (f" ({figure.base})" if figure.base else "")


def kind_group(kind: str) -> str:
    return next(group for group, (kinds, _, _) in KIND_GROUPS.items() if kind in kinds)


@dataclass
class RegisterView:
    """All the evidence (register and coded reports) with the codebook and sources, and how to link."""

    evidence: evidence_base.Evidence
    #: Where the bibliography page is, relative to the page showing the links.
    bibliography_page: str

    @property
    def items(self) -> list[CodedItem]:
        return list(self.evidence.items)

    @cached_property
    def hand_coded(self) -> list[CodedItem]:
        """The register's own items: everything but the findings coded from inspection reports."""
        return [c for c in self.evidence.items if not c.item.aspect]

    @cached_property
    def codebook(self) -> evidence_register.Framework:
        return evidence_register.framework()

    @property
    def sources(self) -> dict[str, evidence_register.Source]:
        return self.evidence.sources

    def source_link(self, coded: CodedItem, text: str | None = None) -> Link:
        """The item's source: its public address (at the cited page of a report), or its bibliography
        entry when it has none."""
        source = self.sources[coded.item.source]
        url = source.url or f"{self.bibliography_page}#{source.id}"
        if source.url and coded.item.aspect and coded.item.page:
            url = f"{source.url}#page={coded.item.page}"
        return Link(text or source.title, url)

    def item_link(self, coded: CodedItem) -> Link:
        return self.source_link(coded, f"{coded.item.id} ({grade(coded)})")


def grade(coded: CodedItem) -> str:
    """'strong', 'limited, second-hand', 'strong, page 4'."""
    item = coded.item
    parts = [item.strength] + (["second-hand"] if item.second_hand else [])
    if item.aspect and item.page:
        parts.append(f"page {item.page}")
    return ", ".join(parts)


def load_register(bibliography_page: str) -> RegisterView:
    return RegisterView(evidence_base.load(), bibliography_page)


def perspective_cell(level: participation.PerspectiveLevel, codebook, shown: str | None = None) -> str | None:
    """'Engagement (2024, 3 items)', with 'second-hand' where every item behind it is."""
    if level.level is None:
        return None
    label = codebook.label("ladder", shown or level.level)
    count = len(level.behind)
    extra = ", second-hand" if level.second_hand_only else ""
    return f"{label} ({level.year}, {count} item{'s' if count != 1 else ''}{extra})"


@dataclass
class AreaEvidence:
    """The participation sections of one area's page."""

    area: areas.Area
    register: RegisterView

    @cached_property
    def items(self) -> list[CodedItem]:
        return self.register.evidence.for_area(self.area.slug)

    @cached_property
    def hand_coded(self) -> list[CodedItem]:
        return [c for c in self.items if not c.item.aspect]

    @cached_property
    def coding(self) -> inspection_coding.LoadedCoding | None:
        return self.register.evidence.coding_for(self.area.slug)

    @cached_property
    def profiles(self) -> list[participation.ThemeProfile]:
        evidence = self.register.evidence
        return participation.profile(
            self.items, evidence.reference, self.register.codebook, evidence.held_reports
        )

    def theme(self, theme_id: str) -> participation.ThemeProfile:
        """The profile of one theme."""
        return next(p for p in self.profiles if p.theme == theme_id)

    def _label(self, part: str, entry_id: str) -> str:
        return self.register.codebook.label(part, entry_id)

    def summary(self) -> Markdown:
        """The headline by theme, whose account it rests on, and how much evidence there is."""
        if not self.items:
            return Markdown(
                f"No evidence about how {self.area.name} involves parent carers is recorded in the book: "
                "there is no report under the 2023 inspection framework in the book's data, and no local "
                f"item is coded. To add evidence, code each source as an item in "
                f"`data/evidence/{self.area.slug}.yml` (see the framework and methods chapter) and rebuild."
            )
        counts = participation.perspective_counts(self.items)
        accounts = [f"{n} {participation.PERSPECTIVES[p].lower()}" for p, n in counts.items() if n]
        years = sorted({c.item.when.year for c in self.items})
        reference = self.register.evidence.reference
        verified = [p for p in self.profiles if p.verified]
        lines = [
            f"The book holds {len(self.items)} items of evidence about {self.area.name}, dated {years[0]} to "
            f"{years[-1]}, by whose account they are: {listing(accounts)}.",
            "",
            f"Headline by theme. The headline is the independent level where independent evidence is no more "
            f"than {participation.RECENT_YEARS} years older than the newest data in the book (the newest "
            f"inspection report it holds, {reference:%-d %B %Y}); {len(verified)} of the "
            f"{len(self.profiles)} themes have one.",
            "",
        ]
        contested = [self._label("themes", p.theme).lower() for p in self.profiles if p.contested]
        unverified = [self._label("themes", p.theme).lower() for p in self.profiles if not p.verified]
        if unverified:
            lines += [f"Without a headline: {listing(unverified)}.", ""]
        if contested:
            lines += [f"Contested (recent perspectives two or more rungs apart): {listing(contested)}.", ""]
        return Markdown("\n".join(lines))

    def level_rule(self) -> HTML:
        """How the levels and the headline are set, in the words of the rules."""
        rules = participation.RULES
        listed = "".join(
            f"<li><strong>{html.escape(rules[key][0])}</strong>: {html.escape(rules[key][1])}</li>"
            for key in ("level", "headline", "ceiling", "contested", "commitments", "one_event")
        )
        return HTML(
            f"<details><summary>How the levels and the headline are set</summary><ul>{listed}</ul></details>"
        )

    def profile_table(self) -> HTML:
        """Each theme: the headline and the level each perspective shows, with the items behind them."""
        codebook = self.register.codebook
        rows = []
        behind_by_theme = []
        for profile in self.profiles:
            levels = profile.levels
            behind = [c for level in levels.values() for c in level.behind]
            rows.append(
                {
                    "Theme": self._label("themes", profile.theme),
                    "Headline": (
                        codebook.label("ladder", profile.headline)
                        if profile.verified
                        else profile.headline.capitalize()
                    )
                    + (" (contested)" if profile.contested else ""),
                    "Independent": perspective_cell(levels["independent"], codebook),
                    "Families and forum": perspective_cell(levels["families"], codebook),
                    "Claimed": perspective_cell(levels["claimed"], codebook, profile.claimed_shown)
                    and perspective_cell(levels["claimed"], codebook, profile.claimed_shown)
                    + (
                        f"; claimed {codebook.label('ladder', levels['claimed'].level).lower()}, capped"
                        if profile.capped
                        else ""
                    ),
                    "Commitments (no rung)": str(len(profile.commitments)) if profile.commitments else None,
                }
            )
            behind_by_theme.append((self._label("themes", profile.theme), behind))
        caption = f"{self.area.name}: the level of participation by theme, from each perspective"
        table = tables.html_table(pd.DataFrame(rows), caption)
        listed = "".join(
            f"<li><strong>{html.escape(theme)}</strong>: "
            + (", ".join(_link_html(self.register.item_link(c)) for c in items) or "none")
            + "</li>"
            for theme, items in behind_by_theme
        )
        return HTML(
            f'<div class="book-dense">{table}</div>\n<details><summary>The items behind each theme\'s levels'
            f"</summary><ul>{listed}</ul></details>"
        )

    def inspection_findings(self) -> Markdown | HTML:
        """What the area's inspection report found about working with families, aspect by aspect."""
        if self.coding is None:
            return Markdown(
                f"There is no report under the 2023 framework in the book's data for {self.area.name}, so "
                "this section has no inspection findings. (This does not mean the area was not inspected: "
                "the "
                "book holds 55 reports published up to March 2025.)"
            )
        coding = self.coding.coding
        source = self.register.sources[inspection_coding.source_id(coding)]
        by_aspect = {c.item.id: c for c in self.items if c.item.aspect}
        rows = []
        for aspect, heading in inspection_coding.ASPECTS.items():
            coded_aspect = coding.aspects[aspect]
            if coded_aspect.says_nothing:
                rows.append(
                    {
                        "Aspect": heading,
                        "Finding": "The report says nothing on this.",
                        "Coded as": None,
                        "Page": None,
                    }
                )
                continue
            for finding in coded_aspect.items:
                rows.append(
                    {
                        "Aspect": heading,
                        "Finding": finding.finding,
                        "Coded as": finding.direction
                        + (f", {self._label('ladder', finding.ladder).lower()}" if finding.ladder else ""),
                        "Page": Link(
                            f"page {finding.page} ({finding.id})", f"{source.url}#page={finding.page}"
                        ),
                    }
                )
                del by_aspect[finding.id]
        forum = (
            f"The report names the parent carer forum as {coding.forum_named_as} (page {coding.forum_page})."
            if coding.forum_named_as
            else "The report does not name the parent carer forum."
        )
        status = {
            "not stated": "does not characterise co-production across the partnership",
            "embedded": "finds co-production embedded across the partnership",
            "developing": "finds co-production developing but not yet consistent",
            "not embedded": "finds co-production not embedded",
        }[coding.coproduction]
        intro = (
            f"Ofsted and the CQC published their report on {self.area.name} on "
            f"{evidence_register.parse_date(coding.published):%-d %B %Y} "
            f"([{source.title}]({source.url})). The book codes what it found on six aspects of working "
            f"with families, in the book's own words, each finding with its page. {forum} The report "
            f"{status}" + (f" (page {coding.coproduction_page})." if coding.coproduction_page else ".")
        )
        caption = f"{self.area.name}: what the inspectors found about working with families, by aspect"
        table = tables.html_table(pd.DataFrame(rows), caption)
        return HTML(markdown_paragraph(intro) + f'\n<div class="book-dense">{table}</div>')

    def later_inspection_evidence(self, after) -> Markdown | None:
        """Register items about inspections dated after the inspection data's latest record."""
        later = [
            c
            for c in self.hand_coded
            if c.item.kind == "inspection" and (after is None or c.item.when > after)
        ]
        if not later:
            return None
        lines = ["Later evidence about inspection in the book's register:", ""]
        for coded in later:
            link = self.register.item_link(coded)
            lines.append(
                f"- {coded.item.date}: {coded.item.event or participation.short_label(coded.item.finding)} "
                f"([{link.text}]({link.url}))."
            )
        return Markdown("\n".join(lines))

    def gaps(self) -> Markdown:
        """Themes with no evidence, or only limited or weak evidence."""
        gaps = participation.gaps(self.profiles)
        if not gaps:
            return Markdown("Every theme has at least one item of moderate or strong evidence.")
        lines = ["These themes have no evidence, or only limited or weak evidence:", ""]
        for profile in gaps:
            count = len(profile.all_items)
            what = (
                "no items"
                if not count
                else f"{count} item{'s' if count > 1 else ''}, none stronger than limited"
            )
            lines.append(f"- **{self._label('themes', profile.theme)}**: {what}.")
        return Markdown("\n".join(lines))

    def timeline(self) -> Figure | Markdown:
        """Every dated item on a time axis, grouped by whose account it is."""
        if not self.items:
            return Markdown(f"No dated evidence is recorded for {self.area.name}, so there is no timeline.")
        frame = participation.timeline(self.items)
        # One point per document: an inspection report's findings share a date and a source.
        frame = frame.drop_duplicates(["date_shown", "source"]).reset_index(drop=True)
        if self.coding is not None:
            report = inspection_coding.source_id(self.coding.coding)
            findings = sum(1 for _ in self.coding.coding.findings())
            outcome = inspection_reports.outcome(self.coding.coding.report)
            frame.loc[frame["source"] == report, "event"] = (
                f"Area SEND inspection report published: {outcome.lower()} ({findings} findings coded)"
            )
        frame["group"] = frame["perspective"].map(participation.PERSPECTIVES)
        frame["when"] = pd.to_datetime(frame["date"]).dt.strftime("%Y-%m-%d")
        order = [
            PERSPECTIVE_STYLES_ORDER[p]
            for p in participation.PERSPECTIVES
            if participation.PERSPECTIVES[p] in set(frame["group"])
        ]
        first, last = frame["date_shown"].iloc[0], frame["date_shown"].iloc[-1]
        title = f"{self.area.name}: {len(frame)} dated documents of evidence, {first[:4]} to {last[:4]}"
        counts = frame["group"].value_counts()
        description = (
            f"Timeline of the evidence about {self.area.name} from {first} to {last}, one point per "
            "document, "
            "in rows by whose account it is: "
            + "; ".join(f"{g}: {counts[g]}" for g in order)
            + ". The table below lists each with its date, event and source."
        )
        subtitle = [
            "Documents of evidence by date of the event or finding",
            f"{self.area.name}; rows by whose account it is",
        ]
        styles = {group: PERSPECTIVE_STYLES[group] for group in order}
        chart = charts.timeline(frame, styles, title, subtitle, description)
        coded = {c.item.id: c for c in self.items}
        table = pd.DataFrame(
            {
                "Date": frame["date_shown"],
                "Event or finding": frame["event"],
                "Whose account": frame["group"],
                "Strength": frame["strength"] + frame["second_hand"].map({True: ", second-hand", False: ""}),
                "Source": [self.register.source_link(coded[i]) for i in frame["id"]],
            }
        )
        return Figure(
            chart=chart,
            title=title,
            description=description,
            source="the book's evidence register (data/evidence) and coded inspection reports",
            table=table,
            table_caption=f"{self.area.name}: dated documents of evidence, oldest first",
            data=frame[
                ["id", "date_shown", "event", "kind", "perspective", "strength", "second_hand", "source"]
            ].rename(columns={"date_shown": "date"}),
            csv_name=f"{self.area.slug}-evidence-timeline.csv",
        )

    def findings_table(self) -> HTML | Markdown:
        """Every hand-coded item: what it found, its figures, level and strength, linked to its source."""
        if not self.hand_coded:
            beyond = " beyond its inspection report's findings" if self.coding else ""
            return Markdown(f"The register holds no items for {self.area.name}{beyond}.")
        codebook = self.register.codebook
        items = self.hand_coded
        frame = pd.DataFrame(
            {
                "Date": [c.item.date for c in items],
                "Finding": [c.item.finding for c in items],
                "Figures": ["; ".join(figure_text(f) for f in c.item.figures) or None for c in items],
                "Level": [
                    (codebook.label("ladder", c.item.ladder) if c.item.ladder else None)
                    and codebook.label("ladder", c.item.ladder)
                    + (" (commitment)" if c.item.is_commitment else "")
                    + (f" (same event as {c.item.same_event_as})" if c.item.same_event_as else "")
                    for c in items
                ],
                "Whose account": [participation.PERSPECTIVES[c.item.perspective] for c in items],
                "Strength": [grade(c) for c in items],
                "Source": [self.register.source_link(c) for c in items],
            }
        )
        table = tables.html_table(frame, f"{self.area.name}: every item of the register, oldest first")
        # Collapsed: the first screens carry the answer; the item-by-item detail is there to check it.
        return HTML(
            f'<details class="book-items"><summary>Show all {len(items)} items of the register for '
            f"{html.escape(self.area.name)}</summary>\n{table}\n</details>"
        )

    def follow_through(self) -> HTML | Markdown:
        """Recommendations and areas for improvement, and what later evidence shows was done."""
        rows = participation.follow_through(self.items)
        if not rows:
            return Markdown(
                f"No item in the evidence for {self.area.name} records recommendations or areas for "
                "improvement."
            )
        table = pd.DataFrame(
            {
                "Recommendation or area for improvement": [r.recommendation.text for r in rows],
                "Made": [
                    [
                        Link(
                            f"{r.made_by.item.date}: {r.made_by.item.id}",
                            self.register.source_link(r.made_by).url,
                        )
                    ]
                    for r in rows
                ],
                "Later evidence": [
                    [
                        Link(
                            f"{c.item.date} ({f.status}; {grade(c)}): {f.note}",
                            self.register.source_link(c).url,
                        )
                        for c, f in r.later
                    ]
                    or None
                    for r in rows
                ],
                "Latest status": [r.status for r in rows],
            }
        )
        caption = (
            f"{self.area.name}: recommendations and areas for improvement, and what later evidence shows"
        )
        statuses = Counter(r.status for r in rows)
        summary = listing([f"{n} {status}" for status, n in statuses.most_common()])
        return HTML(
            f"<p>{len(rows)} recommendations and areas for improvement; their latest status: "
            f"{html.escape(summary)}.</p>\n<details><summary>Show each recommendation and the later evidence"
            f'</summary>\n<div class="book-dense">{tables.html_table(table, caption)}</div>\n</details>'
        )


# --- national chapters ----------------------------------------------------------------------------


FILTERS = (
    ("area", "Area"),
    ("perspective", "Whose account"),
    ("theme", "Theme"),
    ("level", "Ladder level"),
    ("strength", "Strength"),
)


def participation_rules() -> Markdown:
    """Every rule that derives an area's participation profile, as the code applies it."""
    return Markdown(
        "The profile on each area page is computed from the coded items, never typed in:\n\n"
        + "\n".join(f"- **{name}**: {wording}" for name, wording in participation.RULES.values())
    )


def register_table(register: RegisterView) -> HTML:
    """Every item, with controls to filter by area, theme, level and strength (see _static/register.js)."""
    codebook = register.codebook
    names = {area.slug: area.name for area in areas.all_areas()} | {NATIONAL: "National (England)"}
    ordered = sorted(register.items, key=lambda c: (c.area != NATIONAL, c.area, c.item.when, c.item.id))
    frame = pd.DataFrame(
        {
            "Item": [c.item.id for c in ordered],
            "Area": [names[c.area] for c in ordered],
            "Date": [c.item.date for c in ordered],
            "Finding": [c.item.finding for c in ordered],
            "Level": [codebook.label("ladder", c.item.ladder) if c.item.ladder else None for c in ordered],
            "Themes": [", ".join(codebook.label("themes", t) for t in c.item.themes) for c in ordered],
            "Whose account": [participation.PERSPECTIVES[c.item.perspective] for c in ordered],
            "Strength": [grade(c) for c in ordered],
            "Source": [register.source_link(c) for c in ordered],
        }
    )
    attributes = [
        {
            "id": c.item.id,
            "data-area": c.area,
            "data-theme": " ".join(c.item.themes),
            "data-level": c.item.ladder or "none",
            "data-strength": c.item.strength,
            "data-perspective": c.item.perspective,
        }
        for c in ordered
    ]
    options = {
        "area": [
            (a, names[a]) for a in sorted({c.area for c in ordered}, key=lambda a: (a != "national", a))
        ],
        "theme": [(t.id, t.label) for t in codebook.themes],
        "level": [(r.id, r.label) for r in codebook.ladder] + [("none", "No level coded")],
        "strength": [(s.id, s.label) for s in codebook.strength],
        "perspective": list(participation.PERSPECTIVES.items()),
    }
    controls = "".join(
        f'<div class="register-filter"><label for="register-filter-{key}">{label}</label>'
        f'<select id="register-filter-{key}" data-filter="{key}"><option value="">All</option>'
        + "".join(f'<option value="{html.escape(v)}">{html.escape(t)}</option>' for v, t in options[key])
        + "</select></div>"
        for key, label in FILTERS
    )
    table = tables.html_table(
        frame, "Every item of the evidence register", row_attributes=attributes, table_id="register-table"
    )
    return HTML(
        # A group of filters that apply as they change, not a form: there is nothing to submit.
        '<div class="register-filters" role="group" aria-label="Filter the evidence register">'
        f"{controls}</div>\n"
        f'<p class="register-count" id="register-count" aria-live="polite">'
        f"Showing all {len(frame)} items.</p>\n" + table
    )


def register_summary(register: RegisterView) -> Markdown:
    """How many items, by area and strength."""
    names = {area.slug: area.name for area in areas.all_areas()} | {NATIONAL: "national (England)"}
    by_area = Counter(c.area for c in register.items)
    counts = participation.strength_counts(register.items, register.codebook)
    findings = sum(1 for c in register.items if c.item.aspect)
    return Markdown(
        f"The register holds {len(register.items)} items, {findings} of them findings coded from "
        f"{len(register.evidence.codings)} inspection reports: "
        + listing([f"{n} for {names[a]}" for a, n in sorted(by_area.items())])
        + ". By strength: "
        + listing([f"{n} {g}" for g, n in counts.items()])
        + f"; {sum(c.item.second_hand for c in register.items)} are second-hand reports."
    )


def codebook_tables(register: RegisterView) -> dict[str, HTML]:
    """The codebook as tables: ladder, vocabularies, themes, duties, strength grades."""
    codebook = register.codebook
    used = Counter(c.item.ladder for c in register.items if c.item.ladder)
    ladder = pd.DataFrame(
        {
            "Level": [r.label for r in codebook.ladder],
            "Stage": [codebook.label("bands", r.band) for r in codebook.ladder],
            "What the evidence shows": [r.definition for r in codebook.ladder],
            "Items coded": [str(used.get(r.id, 0)) for r in codebook.ladder],
        }
    )
    names = {area.slug: area.name for area in areas.all_areas()}
    vocabulary_rows = [
        {
            "Area": names.get(v.area, v.area),
            "Local term": t.term,
            "Meaning": t.meaning,
            "Ladder level": codebook.label("ladder", t.ladder),
        }
        for v in codebook.vocabularies
        for t in v.terms
    ]
    themes_used = Counter(t for c in register.items for t in c.item.themes)
    themes = pd.DataFrame(
        {
            "Theme": [t.label for t in codebook.themes],
            "What it covers": [t.definition for t in codebook.themes],
            "Items coded": [str(themes_used.get(t.id, 0)) for t in codebook.themes],
        }
    )
    duties = pd.DataFrame(
        {
            "Duty or framework": [Link(d.label, d.url) for d in codebook.duties],
            "What it requires": [d.summary for d in codebook.duties],
        }
    )
    grades = participation.strength_counts(register.items, codebook)
    strength = pd.DataFrame(
        {
            "Grade": [s.label for s in codebook.strength],
            "Definition": [s.definition for s in codebook.strength],
            "Items": [str(grades[s.id]) for s in codebook.strength],
        }
    )
    return {
        "ladder": tables.table(
            ladder, "The ladder of co-production, lowest level first, with the ladder's three stages"
        ),
        "vocabularies": tables.table(
            pd.DataFrame(vocabulary_rows), "Local words for participation, mapped onto the ladder"
        ),
        "themes": tables.table(themes, "Themes an item can speak to"),
        "duties": tables.table(duties, "Duties and frameworks an item can speak to"),
        "strength": tables.table(strength, "Evidence strength grades, strongest first"),
    }


def bibliography_table(register: RegisterView) -> HTML:
    """Every source, linked, with how many items cite it; each row is an anchor (#source-id)."""
    cited = Counter(c.item.source for c in register.items)
    sources = sorted(
        register.sources.values(), key=lambda s: (s.area != "national", s.area, s.year or 0, s.id)
    )
    frame = pd.DataFrame(
        {
            "Source": [Link(s.title, s.url) if s.url else f"{s.title} (no public address)" for s in sources],
            "Publisher": [s.publisher for s in sources],
            "Author": [s.author for s in sources],
            "Date": [s.date for s in sources],
            "Kind": [s.kind for s in sources],
            "Area": [s.area for s in sources],
            "Items citing it": [str(cited.get(s.id, 0)) for s in sources],
        }
    )
    return tables.table(
        frame, "Every source the register is coded from", row_attributes=[{"id": s.id} for s in sources]
    )
