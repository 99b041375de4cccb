"""The checkers the browser tests run, as installed from npm by ``make test`` (package-lock.json).

axe-core is injected into each page from ``node_modules`` (not the copy a Python wrapper bundles), so
the tests run the version the repository pins; pa11y (HTML_CodeSniffer) and the Nu HTML checker run
as programs.
"""

from __future__ import annotations

import json
import re
import shutil
from functools import cache
from pathlib import Path

from helpers import paths

NODE_MODULES = paths.ROOT / "node_modules"
AXE_SCRIPT = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
PA11Y_SCRIPT = Path(__file__).with_name("pa11y_pages.js")
#: The WCAG 2.0, 2.1 and 2.2 rules at levels A and AA.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
INSTALL_HINT = "run `make test` (or `npm ci --ignore-scripts`) to install the checkers from package-lock.json"


def installed_version(package: str) -> str:
    """The version of an npm package in node_modules."""
    manifest = NODE_MODULES / package / "package.json"
    assert manifest.is_file(), f"{package} is not installed in {NODE_MODULES}: {INSTALL_HINT}"
    return json.loads(manifest.read_text(encoding="utf-8"))["version"]


def version_tuple(version: str) -> tuple[int, ...]:
    """'4.14.1' -> (4, 14, 1), for comparing versions."""
    found = re.fullmatch(r"(\d+)\.(\d+)\.(\d+)", version)
    assert found, f"not a release version: {version!r}"
    return tuple(int(part) for part in found.groups())


def readme_axe_version() -> str:
    """The axe-core version the README says the tests run."""
    text = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"axe-core (\d+\.\d+\.\d+)", text)
    assert found, "the README must name the axe-core version the tests run, as 'axe-core X.Y.Z'"
    return found.group(1)


@cache
def axe_source() -> str:
    assert AXE_SCRIPT.is_file(), f"axe-core is not installed at {AXE_SCRIPT}: {INSTALL_HINT}"
    return AXE_SCRIPT.read_text(encoding="utf-8")


def run_axe(page, tags: list[str] = AXE_TAGS) -> dict:
    """Inject the pinned axe-core into a Playwright page and run the given rule tags on it.

    Returns axe's results (``violations``, ``testEngine`` and the rest).
    """
    page.evaluate(axe_source())
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        tags,
    )


def program(name: str) -> str:
    """The path of a program the checkers need (node, java), or a failure that says how to get it."""
    found = shutil.which(name)
    assert found, f"{name} is not installed: make test installs it with apt-get"
    return found
