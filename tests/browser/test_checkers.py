"""Three independent checkers on every page of the built book: axe-core (in tests/browser/conftest.py),
HTML_CodeSniffer through pa11y, and the Nu HTML checker; and the checkers are the ones pinned."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import pytest

from helpers import paths

from .checkers import (
    NODE_MODULES,
    PA11Y_SCRIPT,
    VNU_JAR,
    installed_version,
    program,
    readme_axe_version,
    version_tuple,
)
from .conftest import CHROMIUM, site_pages

pytestmark = pytest.mark.slow
PAGES = site_pages()
CHECKERS = ["axe-core", "pa11y", "vnu-jar"]

#: HTML_CodeSniffer asks every form for a submit button (technique H32). The theme's search form has
#: a single text field, which HTML submits when Enter is pressed: a known false positive, stated in
#: the accessibility statement. Only this rule is set aside, and only on a form that really is the
#: theme's single-field search form (checked in the page itself, below).
SUBMIT_BUTTON_RULE = "WCAG2AA.Principle3.Guideline3_2.3_2_2.H32.2"
SEARCH_FORM = re.compile(r'<form class="bd-search[^"]*"[^>]*>(.*?)</form>', re.DOTALL)


def package_manifest() -> dict:
    return json.loads((paths.ROOT / "package.json").read_text(encoding="utf-8"))


def package_lock() -> dict:
    return json.loads((paths.ROOT / "package-lock.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("package", CHECKERS)
def test_each_checker_is_pinned_exactly_and_installed_as_locked(package):
    pinned = package_manifest()["devDependencies"][package]
    assert re.fullmatch(r"\d+\.\d+\.\d+", pinned), f"{package} must be pinned exactly, not {pinned!r}"
    assert package_lock()["packages"][f"node_modules/{package}"]["version"] == pinned
    assert installed_version(package) == pinned


def test_the_axe_core_that_checks_the_pages_is_the_pinned_one_and_not_older_than_the_readme_says(visits):
    installed = installed_version("axe-core")
    assert version_tuple(installed) >= version_tuple(readme_axe_version()), (
        f"axe-core {installed} is installed, older than the {readme_axe_version()} the README names"
    )
    # The engine each page reports is the one from node_modules, not a copy bundled elsewhere.
    assert {visit.axe_version for visit in visits.values()} == {installed}


# --- HTML_CodeSniffer (WCAG2AA) through pa11y --------------------------------------------------------


@pytest.fixture(scope="session")
def codesniffer(site_url):
    """pa11y's HTML_CodeSniffer errors on every page, keyed by page, from one run over the site.

    Each page's ``checked`` is the page of the site that was checked: the index redirects to the first
    chapter.
    """
    command = [program("node"), str(PA11Y_SCRIPT), str(CHROMIUM), site_url, *PAGES]
    run = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=paths.ROOT)
    assert run.returncode == 0, f"pa11y failed:\n{run.stderr[-3000:]}"
    found = json.loads(run.stdout)
    for result in found["pages"].values():
        address = result["checked"].split("#")[0].split("?")[0]
        assert address.startswith(site_url), f"pa11y checked a page outside the site: {address}"
        result["checked"] = address.removeprefix(site_url)
    return found


def is_single_field_search_form(page: str, issue: dict) -> bool:
    """Whether an issue is the submit-button rule on the theme's single-field search form of a page."""
    if issue["code"] != SUBMIT_BUTTON_RULE or not issue["context"].startswith('<form class="bd-search'):
        return False
    forms = SEARCH_FORM.findall((paths.HTML / page).read_text(encoding="utf-8"))
    return bool(forms) and all(
        len(re.findall(r"<input\b", form)) == 1 and not re.search(r"<(?:select|textarea)\b", form)
        for form in forms
    )


def test_pa11y_runs_the_pinned_html_codesniffer(codesniffer):
    assert codesniffer["pa11y"] == installed_version("pa11y")
    assert codesniffer["htmlcs"] == installed_version("@pa11y/html_codesniffer")
    assert sorted(codesniffer["pages"]) == PAGES


@pytest.mark.parametrize("page", PAGES)
def test_html_codesniffer_finds_no_wcag2aa_errors(codesniffer, page):
    result = codesniffer["pages"][page]
    checked = result["checked"]
    assert checked == page or (page == "index.html" and checked in PAGES)
    errors = [issue for issue in result["issues"] if not is_single_field_search_form(checked, issue)]
    assert errors == [], "\n".join(f"{e['code']}: {e['message']} - {e['selector']}" for e in errors)


def test_the_search_form_exception_excuses_nothing_else():
    # The exception must not swallow the same rule on any other form, nor another rule on this one.
    page = "search.html"
    search_form = '<form class="bd-search d-flex align-items-center" action="#" method="get">'
    other_form = '<form class="register-filters" aria-label="Filter">'
    assert is_single_field_search_form(page, {"code": SUBMIT_BUTTON_RULE, "context": search_form})
    assert not is_single_field_search_form(page, {"code": SUBMIT_BUTTON_RULE, "context": other_form})
    assert not is_single_field_search_form(page, {"code": "WCAG2AA.Principle1.X", "context": search_form})


# --- The Nu HTML checker ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def nu_messages():
    """The Nu HTML checker's errors on every page of the built site, keyed by page."""
    files = [str(paths.HTML / page) for page in PAGES]
    command = [program("java"), "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]
    command.append("--exit-zero-always")  # the tests read the report; a failure is theirs to state
    assert VNU_JAR.is_file(), f"the Nu HTML checker is not installed at {VNU_JAR} (under {NODE_MODULES})"
    run = subprocess.run(command + files, capture_output=True, text=True, timeout=600)
    # vnu writes its JSON report to standard error.
    report = json.loads(run.stderr)
    found: dict[str, list[dict]] = {page: [] for page in PAGES}
    for message in report["messages"]:
        # A message about a page names it as a file: URL; one about the run itself names none.
        file = Path(urlparse(message.get("url", "")).path or "<no page>")
        page = file.relative_to(paths.HTML).as_posix() if file.is_relative_to(paths.HTML) else str(file)
        found.setdefault(page, []).append(message)
    assert report["version"].split()[0] == installed_version("vnu-jar")
    return found


def test_the_nu_checker_reports_on_the_pages_it_was_given(nu_messages):
    # A page name the checker reported that is not one of ours would mean the keys above are wrong.
    assert set(nu_messages) == set(PAGES)


@pytest.mark.parametrize("page", PAGES)
def test_the_nu_html_checker_finds_no_errors(nu_messages, page):
    errors = nu_messages[page]
    assert errors == [], "\n".join(
        f"line {e.get('lastLine')}: {e['message']} {e.get('extract', '')!r}" for e in errors
    )
