"""The full build: check the data, run the pages with papermill, build the book.

The national data are parsed once into a processed store; each declared page is executed by papermill
(the only executor) in warm kernels on a pool of workers, and only when its inputs changed
(``helpers.build.execution``); Jupyter Book then builds with execution off and warnings as errors, and
only when something changed (``helpers.build.site``). The command line that calls it is
``helpers.build.cli``.
"""

from __future__ import annotations

import sys

from helpers import paths
from helpers.build import assets, datapackage, execution, site, toc
from helpers.data import areas, inspection_reports, lookup, manifest, runlist
from helpers.evidence import citations, coding_guide, evidence_base, register
from helpers.present import provenance


def book(
    areas_option: str | None = None,
    executor_kind: str = "process",
    workers: int | None = None,
    scheduler: str | None = None,
    force: bool = False,
) -> int:
    """Check the data and the register, fill the processed store, run the pages, build the book.

    ``areas_option`` 'all' builds a profile for every one of the 153 areas; the comparison and the
    maps still compare the run list's areas.
    """
    # The data first: the register's area codes are checked against a national lookup.
    problems = manifest.verify_all()
    if problems:
        print("The national data are not as data/manifest.yml records:", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        return 2
    # A bad item or coded report stops the build here, naming file, line, item and field.
    evidence = evidence_base.load()
    compared = runlist.load()
    run = areas.all_areas() if areas_option == "all" else compared
    print(f"Preparing the processed store and site assets in {paths.BUILD.name}/", flush=True)
    prepare_store()
    check_citations(evidence)
    assets.prepare()
    provenance.write_written_pages_section()
    if toc.write():
        print(f"Wrote {toc.TOC.name} from the page declarations.")
    pages = execution.pages_for(run, compared)
    failures = execution.run_pages(pages, executor_kind, workers, scheduler, force)
    if failures:
        print(f"{len(failures)} of {len(pages)} pages failed; the others were executed:", file=sys.stderr)
        for failure in failures:
            print(f"  - {failure}", file=sys.stderr)
        print(f"The site was not rebuilt: the published book in {paths.HTML} is unchanged.", file=sys.stderr)
        return 1
    if site.build_book(force) == "failed":
        return 1
    # The data behind the book, published with the site it belongs to (helpers.build.datapackage).
    package, written = datapackage.publish()
    print(f"Data package {'written' if written else 'unchanged'}: {package.relative_to(paths.ROOT)}")
    print(f"Book built: {paths.HTML / 'index.html'}")
    return 0


def check_citations(evidence: evidence_base.Evidence) -> None:
    """Every anchor on its cited page: the register's against the held texts, the coded reports' against
    the text extracted from the PDFs. A missing anchor stops the build naming the file, item and field."""
    register_checked = citations.check_register(list(evidence.items))
    reports_checked = citations.check_reports(
        inspection_reports.page_text, [loaded.file for loaded in evidence.codings.values()]
    )
    examples = coding_guide.check_examples(
        {c.item.id: c for c in evidence.items}, inspection_reports.page_text
    )
    print(
        f"Citations checked: {reports_checked} report findings, {register_checked} items citing held texts "
        f"and {examples} worked examples of the coding guide."
    )


def prepare_store() -> None:
    """Parse every national dataset once into the processed store, before pages read it."""
    from helpers.data import boundaries, sources
    from helpers.stats import indicators

    indicators.national_table()
    sources.la_codes(), sources.sen2_code_crosswalk(), sources.la_names()
    sources.statistical_neighbours(2025), sources.statistical_neighbours(2021)
    sources.inspections_2023(), sources.inspections_2016(), sources.inspections_2016_link_table()
    boundaries.label_points()
    inspection_reports.pages()


def add_area(query: str) -> bool:
    """Add an area to the run list with a starter evidence file; False if it was already listed."""
    area = lookup.resolve(query)  # raises before anything is changed
    added = runlist.add(area)
    starter = register.create_starter(area.slug, area.name)
    print(
        f"{area.name} ({area.code}): " + ("added to data/areas.yml" if added else "already in data/areas.yml")
    )
    if starter:
        print(f"Created {starter.name} in the evidence register: no local evidence is recorded yet.")
    return added


def remove_area(query: str) -> bool:
    """Take an area off the run list (and its evidence file if it is still empty); False if it was not
    listed."""
    area = lookup.resolve(query)
    if not runlist.remove(area):
        print(f"{area.name} ({area.code}) is not in data/areas.yml; nothing changed.")
        return False
    print(f"{area.name} ({area.code}): removed from data/areas.yml")
    file = register.EVIDENCE_DIR / f"{area.slug}.yml"
    if register.remove_starter(area.slug):
        print(f"Removed {file.name} from the evidence register (it held no items).")
    elif file.exists():
        print(f"Kept {file.name} in the evidence register: it holds coded evidence.")
    return True
