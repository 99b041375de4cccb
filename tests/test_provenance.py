"""Every executed page says what it was made from: code version, data checksums, parameters, neighbours."""

from __future__ import annotations

import hashlib
import re
import shutil

import pandas as pd
import pytest

from helpers import paths, version
from helpers.build import site
from helpers.data import inspection_reports, manifest
from helpers.pages import area_profile, catalogue
from helpers.present import provenance


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def sha256(file) -> str:
    return hashlib.sha256(file.read_bytes()).hexdigest()


def test_an_area_pages_provenance_names_its_data_evidence_parameters_and_neighbours():
    shown = text_of(area_profile.load("E06000066").provenance()._repr_html_())
    assert "Parameters area_code = E06000066 Statistical" in shown
    # Checksums computed here from the files themselves, not read from the manifest.
    timeliness = paths.data_dir() / "sen2_ehcp/2025/data/timeliness_20_week.csv.gz"
    assert f"sen2_ehcp/2025/data/timeliness_20_week.csv.gz {sha256(timeliness)}" in shown
    assert f"data/evidence/somerset.yml {sha256(paths.BOOK_DATA / 'evidence/somerset.yml')}" in shown
    # Every national dataset but the inspection reports of other areas (Somerset has none in the book's
    # data), and the page's three input files.
    reports = [d for d in manifest.datasets() if d.startswith(inspection_reports.PREFIX)]
    assert len(reports) == 55
    assert len(re.findall(r"\b[0-9a-f]{64}\b", shown)) == len(manifest.datasets()) - 55 + 3
    haringey = text_of(area_profile.load("E09000014").provenance()._repr_html_())
    report = paths.data_dir() / "ofsted_send_reports/E09000014_haringey_2024-04-03.pdf"
    assert f"ofsted_send_reports/E09000014_haringey_2024-04-03.pdf {sha256(report)}" in haringey
    assert "E10000032_west-sussex" not in haringey
    # Somerset is DfE number 933; its ten neighbours in DfE's May 2025 list, nearest first.
    neighbours = pd.read_csv(paths.data_dir() / "statistical_neighbours/dfe_sn_may_2025_long.csv")
    rows = neighbours[neighbours["la_number"] == 933].sort_values("sn_rank")
    listed = "; ".join(f"{r.sn_rank}. {r.sn_la_name} ({r.sn_la_number})" for r in rows.itertuples())
    assert len(rows) == 10 and listed in shown
    assert "1. Suffolk (935)" in shown


def test_the_code_version_follows_the_code(tmp_path, monkeypatch):
    code = tmp_path / "helpers"
    shutil.copytree(version.CODE_DIR, code, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(version, "CODE_DIR", code)
    before = version.code_digest()
    narrative = code / "present" / "narrative.py"  # a module in a subpackage
    narrative.write_text(narrative.read_text() + "\n# changed\n")
    changed = version.code_digest()
    assert changed != before
    narrative.rename(code / "present" / "words.py")  # the same code under another name
    assert version.code_digest() not in {before, changed}


@pytest.mark.slow
def test_every_executed_page_carries_its_provenance():
    pages = catalogue.outputs()
    assert len(pages) >= 8
    for page in pages:
        html = paths.HTML / page.relative_to(paths.ROOT).with_suffix(".html")
        shown = text_of(html.read_text(encoding="utf-8"))
        assert "Provenance" in shown and "Code version" in shown, html
        dataset = manifest.get("sen2_caseload")
        assert f"{dataset.vintage} {dataset.file} {dataset.sha256}" in shown, html


WRITTEN_PAGES = ["intro", "analysts", "accessibility"]


@pytest.mark.slow
@pytest.mark.parametrize("page", WRITTEN_PAGES)
def test_every_written_page_carries_the_books_provenance(page):
    shown = text_of((paths.HTML / "chapters" / f"{page}.html").read_text(encoding="utf-8"))
    assert "Provenance" in shown and f"Code version {version.code_version()} " in shown
    assert "Parameters none Statistical neighbours none" in shown
    # Every national dataset with its release, and a checksum computed here from the file itself.
    for dataset in manifest.datasets().values():
        assert f"{dataset.vintage} {dataset.file} {sha256(paths.data_dir() / dataset.file)}" in shown


def test_the_written_pages_section_is_rewritten_only_when_it_changes(tmp_path, monkeypatch):
    section = tmp_path / "provenance.md"
    provenance.write_written_pages_section(section)
    first = section.stat().st_mtime_ns
    provenance.write_written_pages_section(section)
    assert section.stat().st_mtime_ns == first  # unchanged: Sphinx has nothing to rebuild
    monkeypatch.setattr(provenance, "code_version", lambda: "9.9.9, code 000000000000")
    provenance.write_written_pages_section(section)
    assert "Code version</dt><dd>9.9.9, code 000000000000" in section.read_text(encoding="utf-8")


def test_a_changed_written_pages_section_changes_the_sites_digest(tmp_path, monkeypatch):
    section = tmp_path / "provenance.md"
    monkeypatch.setattr(paths, "WRITTEN_PAGES_PROVENANCE", section)
    section.write_text("## Provenance\n\nCode version 1\n")
    before, _ = site.book_digest()
    section.write_text("## Provenance\n\nCode version 2\n")
    assert site.book_digest()[0] != before
