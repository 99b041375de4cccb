"""The England maps page: every indicator and the latest inspection outcomes, area by area, with the
run list's areas outlined."""

from __future__ import annotations

from dataclasses import dataclass

from IPython.display import Markdown

from helpers.data import areas
from helpers.pages import catalogue
from helpers.present import england_views
from helpers.present.figures import Figure
from helpers.present.provenance import Provenance

PAGE = catalogue.get("england-maps")


@dataclass
class EnglandMaps:
    """National maps, with the book's own areas outlined."""

    marked: list[areas.Area]

    def introduction(self) -> Markdown:
        return england_views.introduction(self.marked)

    def choropleth(self, indicator_id: str) -> Figure:
        return england_views.choropleth(indicator_id, self.marked)

    def inspection_map(self) -> Figure:
        return england_views.inspection_map(self.marked)

    def provenance(self) -> Provenance:
        """What this page was made from: code, data and the areas outlined."""
        return Provenance(
            parameters={"area_codes": [area.code for area in self.marked]}, book_files=PAGE.input_files()
        )


def load(area_codes: list[str]) -> EnglandMaps:
    """The England maps with these areas outlined."""
    return EnglandMaps([areas.get(code) for code in area_codes])
