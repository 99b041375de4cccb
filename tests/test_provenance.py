"""Every executed page says what it was made from: code version, data checksums, parameters, neighbours."""

from __future__ import annotations

import hashlib
import re
import shutil

import pandas as pd
import pytest

from helpers import build, manifest, paths, profile, provenance


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def sha256(file) -> str:
    return hashlib.sha256(file.read_bytes()).hexdigest()


def test_an_area_pages_provenance_names_its_data_evidence_parameters_and_neighbours():
    shown = text_of(profile.load("E06000066").provenance()._repr_html_())
    assert "Parameters area_code = E06000066 Statistical" in shown
    # Checksums computed here from the files themselves, not read from the manifest.
    timeliness = paths.data_dir() / "sen2_ehcp/2025/data/timeliness_20_week.csv.gz"
    assert f"sen2_ehcp/2025/data/timeliness_20_week.csv.gz {sha256(timeliness)}" in shown
    assert f"data/evidence/somerset.yml {sha256(paths.BOOK_DATA / 'evidence/somerset.yml')}" in shown
    assert len(re.findall(r"\b[0-9a-f]{64}\b", shown)) == len(manifest.datasets()) + 3
    # Somerset is DfE number 933; its ten neighbours in DfE's May 2025 list, nearest first.
    neighbours = pd.read_csv(paths.data_dir() / "statistical_neighbours/dfe_sn_may_2025_long.csv")
    rows = neighbours[neighbours["la_number"] == 933].sort_values("sn_rank")
    listed = "; ".join(f"{r.sn_rank}. {r.sn_la_name} ({r.sn_la_number})" for r in rows.itertuples())
    assert len(rows) == 10 and listed in shown
    assert "1. Suffolk (935)" in shown


def test_the_code_version_follows_the_code(tmp_path, monkeypatch):
    code = tmp_path / "helpers"
    shutil.copytree(provenance.CODE_DIR, code, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(provenance, "CODE_DIR", code)
    before = provenance.code_digest()
    (code / "narrative.py").write_text((code / "narrative.py").read_text() + "\n# changed\n")
    assert provenance.code_digest() != before


@pytest.mark.slow
def test_every_executed_page_carries_its_provenance():
    pages = build.executed_notebooks()
    assert len(pages) >= 8
    for page in pages:
        html = paths.HTML / page.relative_to(paths.ROOT).with_suffix(".html")
        shown = text_of(html.read_text(encoding="utf-8"))
        assert "Provenance" in shown and "Code version" in shown, html
        dataset = manifest.get("sen2_caseload")
        assert f"{dataset.vintage} {dataset.file} {dataset.sha256}" in shown, html
