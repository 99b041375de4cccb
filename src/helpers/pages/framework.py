"""The framework and methods chapter: the codebook the register is coded against, and the rules that
derive each area's participation profile, rendered from the code that applies them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from IPython.display import HTML, Markdown

from helpers.pages import catalogue
from helpers.present import coding_views, evidence_views
from helpers.present.provenance import Provenance

PAGE = catalogue.get("framework")


@dataclass
class FrameworkChapter:
    register: evidence_views.RegisterView

    @cached_property
    def tables(self) -> dict[str, HTML]:
        """The codebook as tables: ladder, vocabularies, themes, duties, strength grades."""
        return evidence_views.codebook_tables(self.register)

    def rules(self) -> Markdown:
        return evidence_views.participation_rules()

    def coding_principles(self) -> Markdown:
        return coding_views.principles()

    def coding_aspects(self) -> HTML:
        return coding_views.aspects_table()

    def coding_rungs(self) -> HTML:
        return coding_views.rung_table()

    def coding_status(self) -> HTML:
        return coding_views.status_table()

    def coding_examples(self) -> HTML:
        return coding_views.examples_table(self.register.evidence)

    def agreement_summary(self) -> Markdown:
        return coding_views.agreement_summary()

    def agreement_table(self) -> HTML:
        return coding_views.agreement_table()

    def settlement_table(self) -> HTML | Markdown:
        return coding_views.settlement_table()

    def provenance(self) -> Provenance:
        return Provenance(parameters={}, book_files=PAGE.input_files())


def load() -> FrameworkChapter:
    return FrameworkChapter(evidence_views.load_register(bibliography_page="bibliography.html"))
