"""Static files the site serves itself: the Vega bundle and the prepared boundaries.

They are generated into ``_build/assets`` and published by Sphinx under ``_static/``, so pages make
no request to any other host and every map shares one boundary file.
"""

from __future__ import annotations

from pathlib import Path

import altair as alt
import vl_convert

from helpers import maps, paths

VEGA_BUNDLE = Path("vega") / "vega-bundle.js"
BOUNDARIES = Path(maps.BOUNDARIES_URL).relative_to("_static")


def vega_lite_version() -> str:
    """Major.minor of the Vega-Lite schema Altair writes, e.g. '6.4'."""
    return ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])


def write_vega_bundle(target: Path) -> Path:
    """Write vega, vega-lite and vega-embed as one script that defines ``window.vegaEmbed``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    bundle = vl_convert.javascript_bundle(vl_version=vega_lite_version())
    # The bundle declares top-level constants (such as `_`) that would clash with the theme's own
    # scripts in the page's global scope; it publishes what pages need on `window` explicitly.
    target.write_text(f"(function () {{\n{bundle}\n}})();\n", encoding="utf-8")
    return target


def prepare(directory: Path = paths.ASSETS) -> list[Path]:
    """Generate every static asset of the site into ``directory``."""
    return [
        write_vega_bundle(directory / VEGA_BUNDLE),
        maps.write_boundaries(directory / BOUNDARIES),
    ]
