"""Static files the site serves itself: the Vega bundle and the prepared boundaries.

They are generated into ``_build/assets`` and published by Sphinx under ``_static/``, so pages make
no request to any other host and every map shares one boundary file.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from helpers import paths
from helpers.data import store

VEGA_BUNDLE = Path("vega") / "vega-bundle.js"
BOUNDARIES = Path(paths.BOUNDARIES_URL).relative_to("_static")


def vega_lite_version() -> str:
    """Major.minor of the Vega-Lite schema Altair writes, e.g. '6.4'."""
    import altair as alt

    return ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])


def write_vega_bundle(target: Path) -> Path:
    """Write vega, vega-lite and vega-embed as one script that defines ``window.vegaEmbed``."""
    import vl_convert

    target.parent.mkdir(parents=True, exist_ok=True)
    bundle = vl_convert.javascript_bundle(vl_version=vega_lite_version())
    # The bundle declares top-level constants (such as `_`) that would clash with the theme's own
    # scripts in the page's global scope; it publishes what pages need on `window` explicitly.
    target.write_text(f"(function () {{\n{bundle}\n}})();\n", encoding="utf-8")
    return target


def _stamp() -> str:
    """What the assets are made from: the installed chart libraries and the processed-data key."""
    from importlib.metadata import version

    parts = [version("altair"), version("vl-convert-python"), store.key()]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()[:16]


def prepare(directory: Path = paths.ASSETS) -> list[Path]:
    """Generate every static asset of the site into ``directory``, unless it is already up to date."""
    targets = [directory / VEGA_BUNDLE, directory / BOUNDARIES]
    stamp_file = directory.parent / f"{directory.name}.json"  # beside the folder, not published with it
    stamp = _stamp()
    if (
        all(t.is_file() for t in targets)
        and stamp_file.is_file()
        and json.loads(stamp_file.read_text()) == stamp
    ):
        return targets
    from helpers.data import boundaries  # imports geopandas: only when the assets must be made

    write_vega_bundle(targets[0])
    boundaries.write_boundaries(targets[1])
    stamp_file.write_text(json.dumps(stamp))
    return targets
