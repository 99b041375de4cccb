"""The book's page types, each declared once.

A declaration says what a page type is: its title, where it sits in the table of contents, the page it
produces, the template papermill executes for it (none for a page written by hand), whether it is made
once or once per area, the build parameters its template takes, and the book's own files it reads.
Everything else is derived from these declarations: what the build executes and when a page is stale,
each page's provenance file list, the table of contents (``_toc.yml``), what nbval checks, what
``make clean``, the test copy of the book and the benchmark leave out, and what the freshness check
counts as output. Adding a page type is one declaration here, one template and one page module.

This module imports nothing but the standard library and ``helpers.paths``, so the quick checks
(freshness, ``make clean``) can read it without the book's dependencies.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from pathlib import Path

from helpers import paths

#: The values the build can give a template: the area of a per-area page, or the run list's areas.
BUILD_PARAMETERS = ("area_code", "area_codes")
#: Executed pages are written beside their template; ``.gitignore`` ignores every notebook under
#: ``chapters/`` except templates, so a template's name must end so.
TEMPLATE_SUFFIX = "_template.ipynb"
AREA_SLUG = "{slug}"
AREA_CODE = "{code}"


class DeclarationError(ValueError):
    """A page type is declared inconsistently; the message names the page type and the field."""


@dataclass(frozen=True)
class PageType:
    """One kind of page in the book."""

    #: A short name, used by page modules to find their declaration.
    id: str
    #: The page's title (a per-area page is titled by its area's name instead).
    title: str
    #: The table-of-contents part it is listed under; None for the book's front page.
    part: str | None
    #: The page, from the repository root; a per-area page has ``{slug}`` in its name.
    output: str
    #: The notebook papermill executes to make the page; None for a page written by hand.
    template: str | None = None
    #: Made once per area of the run (True) or once for the whole book.
    per_area: bool = False
    #: The build parameters the template takes, from ``BUILD_PARAMETERS``.
    parameters: tuple[str, ...] = ()
    #: The book's own files the page reads, from the repository root: globs, ``{slug}`` for the area.
    inputs: tuple[str, ...] = ()

    @property
    def executed(self) -> bool:
        return self.template is not None

    @property
    def template_path(self) -> Path:
        return paths.ROOT / self.template

    @property
    def output_pattern(self) -> str:
        """The output as a glob: every page of this type."""
        return self.output.replace(AREA_SLUG, "*")

    def output_path(self, slug: str | None = None) -> Path:
        """The page of one area (``slug``), or the page itself."""
        return paths.ROOT / (self.output.replace(AREA_SLUG, slug) if self.per_area else self.output)

    def input_files(self, slug: str | None = None, code: str | None = None) -> list[Path]:
        """The book's files this page reads: globs expanded (sorted), named files listed even if absent.
        ``{slug}`` and ``{code}`` stand for the area's slug and ONS code."""
        found: list[Path] = []
        for entry in self.inputs:
            pattern = entry.replace(AREA_SLUG, slug) if slug is not None else entry
            pattern = pattern.replace(AREA_CODE, code) if code is not None else pattern
            if any(character in pattern for character in "*?["):
                found += sorted(paths.ROOT.glob(pattern))
            else:
                found.append(paths.ROOT / pattern)
        return found

    def check(self) -> None:
        """Raise DeclarationError, naming the page type and the field, if the declaration is inconsistent."""

        def fail(field: str, problem: str) -> DeclarationError:
            return DeclarationError(f"page type '{self.id}' in {__name__}, field '{field}': {problem}")

        if not self.output.startswith("chapters/"):
            raise fail("output", f"{self.output!r} is not under chapters/, where the book's pages are")
        if self.per_area != (AREA_SLUG in self.output):
            raise fail(
                "output", f"a per-area page's output has {AREA_SLUG} in it, a once-made page's has not"
            )
        unknown = set(self.parameters) - set(BUILD_PARAMETERS)
        if unknown:
            raise fail(
                "parameters", f"{sorted(unknown)} are not build parameters ({', '.join(BUILD_PARAMETERS)})"
            )
        if self.per_area and "area_code" not in self.parameters:
            raise fail("parameters", "a per-area page takes 'area_code'")
        if self.template is None:
            if not self.output.endswith(".md") or self.per_area or self.parameters or self.inputs:
                raise fail(
                    "template", "a page written by hand is one Markdown file, with no parameters or inputs"
                )
            return
        if not self.template.endswith(TEMPLATE_SUFFIX):
            raise fail("template", f"{self.template!r} must end with {TEMPLATE_SUFFIX}")
        if not self.output.endswith(".ipynb") or self.output.endswith(TEMPLATE_SUFFIX):
            raise fail("output", f"{self.output!r} must be a notebook that is not a template")


CODEBOOK = ("data/framework.yml", "data/sources.yml")
#: The coded inspection reports, one file per report, named after its PDF (``<ONS code>_...``).
REPORT_CODINGS = "data/evidence/inspections/E*.yml"
REGISTER = ("data/evidence/*.yml", REPORT_CODINGS, *CODEBOOK)

#: Every page type, in the order of the table of contents.
PAGE_TYPES: tuple[PageType, ...] = (
    PageType("introduction", "Involving parent carers in SEND", None, "chapters/intro.md"),
    PageType(
        "area-profile",
        "SEND profile",
        "Area profiles",
        "chapters/areas/profiles/{slug}.ipynb",
        template="chapters/areas/area_profile_template.ipynb",
        per_area=True,
        parameters=("area_code",),
        inputs=("data/evidence/{slug}.yml", "data/evidence/inspections/{code}_*.yml", *CODEBOOK),
    ),
    PageType(
        "comparison",
        "Comparing the areas",
        "Comparison",
        "chapters/compare/compare.ipynb",
        template="chapters/compare/compare_template.ipynb",
        parameters=("area_codes",),
        inputs=REGISTER,
    ),
    PageType(
        "england-maps",
        "England maps",
        "England",
        "chapters/england/maps.ipynb",
        template="chapters/england/maps_template.ipynb",
        parameters=("area_codes",),
    ),
    PageType(
        "inspection-findings",
        "What the inspectors found about working with families",
        "England",
        "chapters/england/inspections.ipynb",
        template="chapters/england/inspections_template.ipynb",
        parameters=("area_codes",),
        inputs=(REPORT_CODINGS, *CODEBOOK),
    ),
    PageType(
        "framework",
        "Framework and methods",
        "Participation evidence",
        "chapters/evidence/framework.ipynb",
        template="chapters/evidence/framework_template.ipynb",
        inputs=(
            *REGISTER,
            "data/coding_guide.yml",
            "data/evidence/inspections/second_coding/*.yml",
            "data/evidence/inspections/second_coding/first_before_settlement/*.yml",
        ),
    ),
    PageType(
        "register",
        "The evidence register",
        "Participation evidence",
        "chapters/evidence/register.ipynb",
        template="chapters/evidence/register_template.ipynb",
        inputs=REGISTER,
    ),
    PageType(
        "bibliography",
        "Bibliography",
        "Participation evidence",
        "chapters/evidence/bibliography.ipynb",
        template="chapters/evidence/bibliography_template.ipynb",
        inputs=REGISTER,
    ),
    PageType(
        "indicator-definitions",
        "Indicator definitions",
        "About this book",
        "chapters/indicators/definitions.ipynb",
        template="chapters/indicators/definitions_template.ipynb",
    ),
    PageType(
        "analysts-guide", "Re-running the book for another area", "About this book", "chapters/analysts.md"
    ),
    PageType("accessibility", "Accessibility statement", "About this book", "chapters/accessibility.md"),
)


def check_all(page_types: tuple[PageType, ...] = PAGE_TYPES) -> None:
    """Check every declaration, that ids are unique and that exactly one page is the front page."""
    ids = [page.id for page in page_types]
    for page in page_types:
        page.check()
        if ids.count(page.id) > 1:
            raise DeclarationError(f"page type '{page.id}' in {__name__} is declared twice")
    fronts = [page.id for page in page_types if page.part is None]
    if len(fronts) != 1:
        raise DeclarationError(
            f"exactly one page type in {__name__} has part None (the front page), not {fronts}"
        )


check_all()


def get(page_id: str) -> PageType:
    """The declaration of one page type."""
    for page in PAGE_TYPES:
        if page.id == page_id:
            return page
    raise KeyError(f"No page type '{page_id}' in {__name__}.")


def executed() -> list[PageType]:
    """The page types papermill executes."""
    return [page for page in PAGE_TYPES if page.executed]


def is_output(file: Path) -> bool:
    """Whether a file is an executed page (a build output), from any of the declared outputs."""
    try:
        relative = Path(file).resolve().relative_to(paths.ROOT.resolve()).as_posix()
    except ValueError:
        return False
    return any(fnmatch.fnmatchcase(relative, page.output_pattern) for page in executed())


def outputs() -> list[Path]:
    """Every executed page now on disk, in table-of-contents order (what nbval checks)."""
    return [file for page in executed() for file in sorted(paths.ROOT.glob(page.output_pattern))]
