"""Page weight of the built site: each page's HTML plus what it alone loads, and the shared assets.

References are read from the built files themselves (scripts, style sheets, icons, images, fonts and
imports inside style sheets, and the data URLs of charts and maps), so the report needs no browser.
An asset loaded by more than one page is shared, and counted once for the whole site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

TAG_REFERENCE = re.compile(
    r"<(?:script|img|source|iframe)\b[^>]*\bsrc=\"([^\"]+)\"|<link\b[^>]*\bhref=\"([^\"]+)\""
)
CHART_DATA_URL = re.compile(r"\"url\":\"([^\"]+)\"")
CSS_REFERENCE = re.compile(r"url\(\s*[\"']?([^\"')]+)[\"']?\s*\)|@import\s+[\"']([^\"']+)[\"']")
OUTSIDE = ("http:", "https:", "//", "data:", "mailto:", "#", "javascript:")

#: The budget for one area page: its HTML plus what it alone loads.
AREA_PAGE_BUDGET = 1_500_000


def _local(reference: str, base: Path) -> Path | None:
    if reference.startswith(OUTSIDE):
        return None
    target = (base / reference.split("#")[0].split("?")[0]).resolve()
    return target if target.is_file() and target.suffix != ".html" else None


def _css_assets(stylesheet: Path, seen: set[Path]) -> None:
    for match in CSS_REFERENCE.finditer(stylesheet.read_text(encoding="utf-8", errors="replace")):
        target = _local(match.group(1) or match.group(2), stylesheet.parent)
        if target is not None and target not in seen:
            seen.add(target)
            if target.suffix == ".css":
                _css_assets(target, seen)


def page_assets(page: Path, site: Path) -> set[Path]:
    """Every local file a page loads: tags, chart data (site-relative) and what style sheets pull in."""
    html = page.read_text(encoding="utf-8")
    found: set[Path] = set()
    for match in TAG_REFERENCE.finditer(html):
        target = _local(match.group(1) or match.group(2), page.parent)
        if target is not None:
            found.add(target)
    for match in CHART_DATA_URL.finditer(html):
        target = _local(match.group(1), site)
        if target is not None:
            found.add(target)
    for stylesheet in [path for path in found if path.suffix == ".css"]:
        _css_assets(stylesheet, found)
    return found


@dataclass
class SiteWeight:
    """Per-page weights and the shared assets of a built site."""

    pages: pd.DataFrame
    shared_assets: pd.DataFrame

    @property
    def shared_bytes(self) -> int:
        return int(self.shared_assets["bytes"].sum())


def site_weight(site: Path) -> SiteWeight:
    """Weigh every HTML page of the site at ``site``."""
    site = site.resolve()
    pages = sorted(path for path in site.rglob("*.html") if "_static" not in path.parts)
    assets = {page: page_assets(page, site) for page in pages}
    users: dict[Path, int] = {}
    for found in assets.values():
        for asset in found:
            users[asset] = users.get(asset, 0) + 1
    rows = []
    for page, found in assets.items():
        own = [asset for asset in found if users[asset] == 1]
        html_bytes = page.stat().st_size
        own_bytes = sum(asset.stat().st_size for asset in own)
        rows.append(
            {
                "page": page.relative_to(site).as_posix(),
                "html_bytes": html_bytes,
                "own_asset_bytes": own_bytes,
                "page_weight": html_bytes + own_bytes,
                "first_visit_bytes": html_bytes + sum(asset.stat().st_size for asset in found),
            }
        )
    shared = [
        {"asset": asset.relative_to(site).as_posix(), "bytes": asset.stat().st_size, "pages": count}
        for asset, count in users.items()
        if count > 1
    ]
    return SiteWeight(
        pd.DataFrame(rows),
        pd.DataFrame(shared, columns=["asset", "bytes", "pages"]).sort_values("bytes", ascending=False),
    )
