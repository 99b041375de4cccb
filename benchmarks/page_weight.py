"""Report the page weight of the built book (run `make book` first).

    .venv/bin/python benchmarks/page_weight.py

Prints each page's HTML, what it alone loads and their sum (the page weight), its first-visit total
(including the shared assets it uses; an upper bound, since every font format a style sheet offers is
counted), and the shared assets counted once; checks each area page
against the 1.5 MB budget.
"""

from __future__ import annotations

import sys

from helpers import paths
from helpers.build.pageweight import AREA_PAGE_BUDGET, site_weight


def main() -> int:
    weight = site_weight(paths.HTML)
    pages = weight.pages.sort_values("page")
    print(f"{'page':<45} {'HTML':>10} {'own assets':>11} {'page weight':>12} {'first visit':>12}")
    for row in pages.itertuples(index=False):
        print(
            f"{row.page:<45} {row.html_bytes:>10,} {row.own_asset_bytes:>11,} {row.page_weight:>12,} "
            f"{row.first_visit_bytes:>12,}"
        )
    print(
        f"\nShared assets, counted once: {weight.shared_bytes:,} bytes in {len(weight.shared_assets)} files"
    )
    for row in weight.shared_assets.head(8).itertuples(index=False):
        print(f"  {row.asset:<60} {row.bytes:>10,}  ({row.pages} pages)")
    areas = pages[pages["page"].str.startswith("chapters/areas/profiles/")]
    over = areas[areas["page_weight"] > AREA_PAGE_BUDGET]
    print(
        f"\nArea pages: heaviest {areas['page_weight'].max():,} bytes; budget {AREA_PAGE_BUDGET:,} bytes: "
        + ("met" if over.empty else f"NOT met by {', '.join(over['page'])}")
    )
    return 0 if over.empty else 1


if __name__ == "__main__":
    sys.exit(main())
