"""`send-book area add/remove` on copies of the run list and register: changes exactly what it says."""

from __future__ import annotations

import html
import shutil

import pytest
import yaml

from helpers import paths
from helpers.build import book as build
from helpers.build import cli
from helpers.data import areas, runlist
from helpers.evidence import inspection_coding, participation
from helpers.evidence import register as evidence
from helpers.pages import area_profile


@pytest.fixture()
def workspace(tmp_path, monkeypatch):
    """A copy of the run list and the evidence register, used in place of the real ones."""
    areas_file = tmp_path / "areas.yml"
    shutil.copyfile(paths.AREAS_FILE, areas_file)
    register = tmp_path / "evidence"
    shutil.copytree(evidence.EVIDENCE_DIR, register)
    monkeypatch.setattr(paths, "AREAS_FILE", areas_file)
    monkeypatch.setattr(evidence, "EVIDENCE_DIR", register)
    return areas_file, register


def snapshot(areas_file, register):
    return areas_file.read_bytes(), {f.name: f.read_bytes() for f in register.iterdir() if f.is_file()}


@pytest.mark.parametrize("query", ["E10000034", "worcestershire", "885"])
def test_add_by_code_name_or_number(workspace, query):
    areas_file, register = workspace
    assert build.add_area(query) is True
    assert [a.name for a in runlist.load()] == ["Haringey", "Somerset", "West Sussex", "Worcestershire"]
    assert areas_file.read_text().startswith("# The areas the book profiles")  # header kept
    starter = register / "worcestershire.yml"
    assert evidence.load_file(starter, evidence.known_areas()) == []  # valid, no items


def test_add_an_abolished_code_adds_its_successor(workspace):
    build.add_area("E10000023")  # North Yorkshire County Council
    assert runlist.load()[-1].code == "E06000065"


@pytest.mark.parametrize("query", ["Worcestr", "Narnia", "E10000006"])
def test_an_unknown_or_ambiguous_area_changes_nothing(workspace, query, capsys):
    before = snapshot(*workspace)
    assert cli.main(["area", "add", query, "--no-build"]) == 2
    assert "error:" in capsys.readouterr().err
    assert snapshot(*workspace) == before


def test_adding_twice_is_harmless(workspace):
    build.add_area("Worcestershire")
    before = snapshot(*workspace)
    assert build.add_area("Worcestershire") is False
    assert snapshot(*workspace) == before


def test_remove_undoes_add(workspace):
    before = snapshot(*workspace)
    build.add_area("Worcestershire")
    build.remove_area("Worcestershire")
    assert snapshot(*workspace) == before


def test_remove_keeps_coded_evidence(workspace):
    areas_file, register = workspace
    build.add_area("Worcestershire")
    starter = register / "worcestershire.yml"
    data = yaml.safe_load(starter.read_text())
    data["items"] = [
        {
            "id": "worcestershire-001",
            "source": "national-dfe-2015-send-code-of-practice-ch1",
            "date": "2015-01",
            "kind": "strategy",
            "finding": "A coded finding that must never be thrown away.",
            "themes": ["structures-governance"],
            "strength": "moderate",
        }
    ]
    starter.write_text(yaml.safe_dump(data))
    build.remove_area("Worcestershire")
    assert starter.exists()
    assert "Worcestershire" not in [a.name for a in runlist.load()]


def test_the_run_list_keeps_two_areas(workspace):
    build.remove_area("West Sussex")
    before = snapshot(*workspace)
    with pytest.raises(runlist.RunListError, match="needs at least 2"):
        build.remove_area("Somerset")
    assert snapshot(*workspace) == before


def test_a_profile_with_no_evidence_says_so(workspace):
    # Leeds: no report under the 2023 framework in the book's data, and no register file.
    build.add_area("Leeds")
    page = area_profile.AreaProfile(areas.get("E08000035"))
    text = page.evidence.summary().data
    assert "no report under the 2023 inspection framework in the book's data" in text
    assert "data/evidence/leeds.yml" in text
    assert all(p.headline == participation.NO_LEVEL for p in page.evidence.profiles)
    assert "Every theme" not in page.evidence.gaps().data
    findings = page.inspection_findings().data
    assert "no report under the 2023 framework in the book's data" in findings
    assert "not inspected" not in findings.replace("does not mean the area was not inspected", "")
    assert "No dated evidence is recorded for Leeds" in page.evidence.timeline().data
    assert "no item" in page.evidence.follow_through().data.lower()
    assert "holds no items for Leeds" in page.evidence.findings_table().data


def test_a_new_area_with_a_report_gets_its_inspection_findings(workspace):
    # Worcestershire has a report (published 15 July 2024) but no register file of its own.
    build.add_area("Worcestershire")
    page = area_profile.AreaProfile(areas.get("E10000034"))
    findings = page.inspection_findings().data
    assert "15 July 2024" in findings and "Families in Partnership" in findings
    for heading in inspection_coding.ASPECTS.values():
        assert html.escape(heading) in findings
    assert any(p.verified for p in page.evidence.profiles)
    assert all(c.item.perspective == "independent" for c in page.evidence.items)


@pytest.mark.parametrize(
    "code",
    [
        "E09000001",  # City of London: tiny counts, many suppressed values
        "E06000053",  # Isles of Scilly
        "E06000063",  # Cumberland: created 2023, absent from the 2021 neighbour list
        "E06000064",  # Westmorland and Furness
        "E06000061",  # North Northamptonshire
        "E06000017",  # Rutland
    ],
)
def test_every_section_renders_for_unusual_areas(code):
    page = area_profile.AreaProfile(areas.get(code))
    page.summary(), page.indicator_table(), page.inspection_summary(), page.neighbours_table()
    for indicator in ["plans_20_weeks", "requests_refused", "tribunal_appeal_rate", "ehcp_per_1000"]:
        assert page.trend(indicator)._repr_html_().count("<table") == 1
    assert page.locator()._repr_html_().startswith('<figure class="book-figure"')
    evidence_view = page.evidence
    for section in (
        evidence_view.summary,
        evidence_view.profile_table,
        evidence_view.gaps,
        evidence_view.timeline,
        evidence_view.follow_through,
        evidence_view.findings_table,
    ):
        section()
