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

from helpers.data import areas
from helpers.evidence import participation
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
BASIS_WORDS = {
    participation.SUPPORTED: "supported",
    participation.INDICATIVE: "indicative only (limited or weak evidence)",
    participation.NO_LEVEL: "no level shown",
    participation.NO_EVIDENCE: "no evidence",
}


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
    return f"{amount} {figure.measure}" + (f" ({figure.base})" if figure.base else "")


def kind_group(kind: str) -> str:
    return next(group for group, (kinds, _, _) in KIND_GROUPS.items() if kind in kinds)


@dataclass
class RegisterView:
    """The whole register with its codebook and bibliography, and how to link to a source."""

    items: list[CodedItem]
    #: Where the bibliography page is, relative to the page showing the links.
    bibliography_page: str

    @cached_property
    def codebook(self) -> evidence_register.Framework:
        return evidence_register.framework()

    @cached_property
    def sources(self) -> dict[str, evidence_register.Source]:
        return evidence_register.bibliography()

    def source_link(self, coded: CodedItem, text: str | None = None) -> Link:
        """The item's source: its public address, or its bibliography entry when it has none."""
        source = self.sources[coded.item.source]
        url = source.url or f"{self.bibliography_page}#{source.id}"
        return Link(text or source.title, url)

    def item_link(self, coded: CodedItem) -> Link:
        label = f"{coded.item.id} ({coded.item.strength}{', second-hand' if coded.item.second_hand else ''})"
        return self.source_link(coded, label)


def load_register(bibliography_page: str) -> RegisterView:
    return RegisterView(evidence_register.load_register(), bibliography_page)


@dataclass
class AreaEvidence:
    """The participation sections of one area's page."""

    area: areas.Area
    register: RegisterView

    @cached_property
    def items(self) -> list[CodedItem]:
        return evidence_register.for_area(self.register.items, self.area.slug)

    @cached_property
    def profiles(self) -> list[participation.ThemeProfile]:
        return participation.profile(self.items, self.register.codebook)

    def theme(self, theme_id: str) -> participation.ThemeProfile:
        """The profile of one theme."""
        return next(p for p in self.profiles if p.theme == theme_id)

    def _label(self, part: str, entry_id: str) -> str:
        return self.register.codebook.label(part, entry_id)

    def summary(self) -> Markdown:
        """How much evidence there is, how strong, over what years, and what it supports."""
        if not self.items:
            return Markdown(
                f"No local evidence is recorded yet for {self.area.name}. The national indicators above "
                "still apply, but nothing on this page yet says how the council involves parent carers. "
                f"To add evidence, code each source as an item in `data/evidence/{self.area.slug}.yml` "
                "(see the framework and methods chapter) and rebuild the book."
            )
        counts = participation.strength_counts(self.items, self.register.codebook)
        grades = [f"{n} {grade}" for grade, n in counts.items() if n]
        years = sorted({c.item.when.year for c in self.items})
        supported = [p for p in self.profiles if p.basis == participation.SUPPORTED]
        second_hand = sum(c.item.second_hand for c in self.items)
        lines = [
            f"The register holds {len(self.items)} items of evidence about {self.area.name}, dated "
            f"{years[0]} to {years[-1]} ({listing(grades)}; {second_hand} second-hand).",
            "",
            f"The evidence supports a level on the ladder of co-production for {len(supported)} of the "
            f"{len(self.profiles)} themes.",
        ]
        for profile in supported:
            theme, level = self._label("themes", profile.theme), self._label("ladder", profile.level).lower()
            earlier = profile.earlier_levels()
            history = (
                f"; earlier evidence showed {self._label('ladder', earlier[0][1]).lower()} in {earlier[0][0]}"
                if earlier and earlier[0][1] != profile.level
                else ""
            )
            own = ", which is the council's or forum's own account" if profile.only_moderate else ""
            lines.append(
                f"- **{theme}**: {level} ({self._band(profile.level)}), on {participation.LEVEL_BASIS} "
                f"({profile.year}{own}){history}."
            )
        return Markdown("\n".join(lines))

    def _band(self, level: str) -> str:
        band = next(rung.band for rung in self.register.codebook.ladder if rung.id == level)
        return self.register.codebook.label("bands", band).lower()

    def level_rule(self) -> Markdown:
        """How the level of each theme is set, in the words of the rule."""
        return Markdown(f"For each theme, {participation.LEVEL_RULE_IN_BRIEF}, and the items behind it.")

    def profile_table(self) -> HTML:
        """Each theme: the level the evidence supports, the items behind it and the evidence in it."""
        rows = []
        for profile in self.profiles:
            level = self._label("ladder", profile.level) if profile.level else None
            grades = Counter(c.item.strength for c in profile.all_items)
            rows.append(
                {
                    "Theme": self._label("themes", profile.theme),
                    "Level": level,
                    "Band": self._band(profile.level) if profile.level else None,
                    "Basis": f"{BASIS_WORDS[profile.basis]}"
                    + (" by the council's or forum's own accounts" if profile.only_moderate else "")
                    + (f", {profile.year}" if profile.year else ""),
                    "Earlier years": "; ".join(
                        f"{year}: {self._label('ladder', level).lower()}"
                        for year, level in profile.earlier_levels()
                    )
                    or None,
                    "Items behind the level": [self.register.item_link(c) for c in profile.behind],
                    "All items on the theme": ", ".join(
                        f"{grades[g]} {g}" for g in self.register.codebook.ids("strength") if grades[g]
                    )
                    or None,
                }
            )
        caption = f"{self.area.name}: the level of participation the coded evidence supports, theme by theme"
        return tables.table(pd.DataFrame(rows), caption)

    def gaps(self) -> Markdown:
        """Themes with no evidence, or only limited or weak evidence."""
        gaps = participation.gaps(self.profiles)
        if not gaps:
            return Markdown("Every theme has at least one item of moderate or strong evidence.")
        lines = ["These themes have no evidence, or only limited or weak evidence, in the register:", ""]
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
        """Every dated item on a time axis, grouped by the kind of evidence."""
        if not self.items:
            return Markdown(
                f"No dated evidence is recorded yet for {self.area.name}, so there is no timeline."
            )
        frame = participation.timeline(self.items)
        frame["group"] = frame["kind"].map(kind_group)
        frame["when"] = pd.to_datetime(frame["date"]).dt.strftime("%Y-%m-%d")
        order = [g for g in KIND_GROUPS if g in set(frame["group"])]
        first, last = frame["date_shown"].iloc[0], frame["date_shown"].iloc[-1]
        title = f"{self.area.name}: {len(frame)} dated items of evidence, {first[:4]} to {last[:4]}"
        counts = frame["group"].value_counts()
        description = (
            f"Timeline of the evidence about {self.area.name} from {first} to {last}, one point per item, "
            "in rows by kind: " + "; ".join(f"{g}: {counts[g]}" for g in order) + ". The table below lists "
            "every item with its date, event and source."
        )
        subtitle = [
            "Items of the evidence register by date of the event or finding",
            f"{self.area.name}; rows by kind of evidence",
        ]
        styles = {group: KIND_GROUPS[group][1:] for group in order}
        chart = charts.timeline(frame, styles, title, subtitle, description)
        coded = {c.item.id: c for c in self.items}
        table = pd.DataFrame(
            {
                "Date": frame["date_shown"],
                "Event or finding": frame["event"],
                "Kind": frame["kind"],
                "Strength": frame["strength"] + frame["second_hand"].map({True: ", second-hand", False: ""}),
                "Source": [self.register.source_link(coded[i]) for i in frame["id"]],
            }
        )
        return Figure(
            chart=chart,
            title=title,
            description=description,
            source="the book's evidence register (data/evidence), coded from the sources in the bibliography",
            table=table,
            table_caption=f"{self.area.name}: dated items of evidence, oldest first",
            data=frame[["id", "date_shown", "event", "kind", "strength", "second_hand", "source"]].rename(
                columns={"date_shown": "date"}
            ),
            csv_name=f"{self.area.slug}-evidence-timeline.csv",
        )

    def findings_table(self) -> HTML | Markdown:
        """Every item: what it found, its figures, level and strength, linked to its source."""
        if not self.items:
            return Markdown(f"The register holds no items for {self.area.name} yet.")
        codebook = self.register.codebook
        frame = pd.DataFrame(
            {
                "Date": [c.item.date for c in self.items],
                "Finding": [c.item.finding for c in self.items],
                "Figures": ["; ".join(figure_text(f) for f in c.item.figures) or None for c in self.items],
                "Level": [
                    codebook.label("ladder", c.item.ladder) if c.item.ladder else None for c in self.items
                ],
                "Strength": [
                    c.item.strength + (", second-hand" if c.item.second_hand else "") for c in self.items
                ],
                "Source": [self.register.source_link(c) for c in self.items],
            }
        )
        return tables.table(frame, f"{self.area.name}: every item of evidence, oldest first")

    def follow_through(self) -> HTML | Markdown:
        """Recommendations the evidence records, and what later evidence shows was done."""
        rows = participation.follow_through(self.items)
        if not rows:
            return Markdown(f"No item in the register for {self.area.name} records recommendations.")
        table = pd.DataFrame(
            {
                "Recommendation": [r.recommendation.text for r in rows],
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
                        Link(f"{c.item.date} ({f.status}): {f.note}", self.register.source_link(c).url)
                        for c, f in r.later
                    ]
                    for r in rows
                ],
                "Latest status": [r.status for r in rows],
            }
        )
        caption = f"{self.area.name}: recommendations recorded in the evidence, and what later evidence shows"
        return tables.table(table, caption)


# --- national chapters ----------------------------------------------------------------------------


FILTERS = (("area", "Area"), ("theme", "Theme"), ("level", "Ladder level"), ("strength", "Strength"))


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
            "Strength": [c.item.strength + (", second-hand" if c.item.second_hand else "") for c in ordered],
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
        f'<form class="register-filters" aria-label="Filter the evidence register">{controls}</form>\n'
        f'<p class="register-count" id="register-count" aria-live="polite">'
        f"Showing all {len(frame)} items.</p>\n" + table
    )


def register_summary(register: RegisterView) -> Markdown:
    """How many items, by area and strength."""
    names = {area.slug: area.name for area in areas.all_areas()} | {NATIONAL: "national (England)"}
    by_area = Counter(c.area for c in register.items)
    counts = participation.strength_counts(register.items, register.codebook)
    return Markdown(
        f"The register holds {len(register.items)} items: "
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
            "Band (Arnstein)": [codebook.label("bands", r.band) for r in codebook.ladder],
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
            ladder, "The ladder of co-production, lowest level first, with Arnstein's bands"
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
