"""The indicator definitions page: for each national indicator, what it counts, its source and
release, its polarity, how the benchmarks are formed, the small-numbers rule and its known caveats."""

from __future__ import annotations

from dataclasses import dataclass

from IPython.display import HTML, Markdown

from helpers.pages import catalogue
from helpers.present import definitions_views
from helpers.present.provenance import Provenance

PAGE = catalogue.get("indicator-definitions")


@dataclass
class DefinitionsPage:
    """Every indicator's definition, with the rules the book applies to all of them."""

    def introduction(self) -> Markdown:
        return definitions_views.introduction()

    def contents(self) -> HTML:
        return definitions_views.contents()

    def comparison_rules(self) -> Markdown:
        return definitions_views.comparison_rules()

    def benchmark_rules(self) -> Markdown:
        return definitions_views.benchmark_rules()

    def small_numbers_rule(self) -> Markdown:
        return definitions_views.small_numbers_rule()

    def definition(self, indicator_id: str) -> HTML:
        return definitions_views.definition_table(indicator_id)

    def provenance(self) -> Provenance:
        return Provenance(parameters={}, book_files=PAGE.input_files())


def load() -> DefinitionsPage:
    return DefinitionsPage()
