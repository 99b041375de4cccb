"""The inspection reports as evidence: held and verified, coded in full, every citation checked by machine,
and the consistency of the coding measured (expected values worked by hand or taken from the official
index of the reports)."""

from __future__ import annotations

import csv
import shutil

import pytest
import yaml

from helpers import paths
from helpers.data import inspection_reports, manifest
from helpers.evidence import agreement, anchors, citations, coding_guide, evidence_base, inspection_coding
from helpers.evidence import register as evidence

HARINGEY = "E09000014_haringey_2024-04-03"
INDEX = paths.data_dir() / "ofsted_send_reports" / "index.csv"


def test_the_book_holds_the_55_reports_each_pinned_and_verified():
    held = inspection_reports.held()
    assert len(held) == 55
    for report in held:
        dataset = manifest.get(report.dataset_id)
        assert dataset.download.sources[0].sha256 == dataset.sha256
        assert dataset.download.sources[0].url.startswith(
            "https://raw.githubusercontent.com/data-to-insight/ofsted-send-scrape-tool/"
            "a3254b1b0336beb876a4e123d751756628e37383/"
        )
    assert manifest.verify_all() == []


def test_a_missing_or_altered_report_stops_with_its_name(tmp_path):
    report = inspection_reports.by_stem(HARINGEY)
    with pytest.raises(manifest.DataError, match="Area SEND inspection of Haringey"):
        manifest.path(report.dataset_id, tmp_path)
    altered = tmp_path / manifest.get(report.dataset_id).file
    altered.parent.mkdir(parents=True)
    altered.write_bytes(b"%PDF-1.4 not the report")
    with pytest.raises(manifest.DataError, match="does not match its checksum"):
        manifest.path(report.dataset_id, tmp_path)


def test_outcomes_read_from_the_reports_match_the_official_index():
    # index.csv records each report's outcome from the D2I table; Cornwall's row there describes a later
    # inspection than the PDF the book holds (see PROVENANCE.md), so it is left out of the comparison.
    with open(INDEX, encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if row["ctyua24cd"] != "E06000052"]
    assert len(rows) == 54
    for row in rows:
        assert inspection_reports.outcome(row["file"].removesuffix(".pdf")) == row["outcome_category"]


def test_page_text_is_extracted_page_by_page():
    # Page 2 of the Haringey report opens its "What is it like" section (reading copy, page 2).
    text = inspection_reports.page_text(HARINGEY, 2)
    assert "What is it like to be a child or young person with SEND in this area?" in text
    # index.csv gives the Haringey report 7 pages.
    with pytest.raises(LookupError, match="has 7 pages, not a page 8"):
        inspection_reports.page_text(HARINGEY, 8)


def test_every_report_is_coded_on_every_aspect():
    everything = evidence_base.load()
    assert set(everything.codings) == {report.stem for report in inspection_reports.held()}
    for loaded in everything.codings.values():
        for aspect in inspection_coding.ASPECTS:
            coded = loaded.coding.aspects[aspect]
            assert coded.says_nothing != bool(coded.items), (loaded.file, aspect)


@pytest.mark.parametrize(
    ("anchor", "page", "found"),
    [
        (
            "The voice of the child or young person rings very clearly",
            "...The voice of the child or\nyoung person rings very clearly through EHC plans.",
            True,
        ),
        ("co-production is well established", "where co-\nproduction is well estab-\nlished", True),
        (
            "the local area partnership’s special educational needs",
            "the local area partnership's special\neducational needs",
            True,
        ),
        ("the partnership's “co-production” is weak", 'the partnership\'s "co-production" is weak', True),
        ("rings very loudly through EHC plans", "rings very clearly through EHC plans", False),
        ("plans through EHC clearly rings", "rings very clearly through EHC plans", False),
    ],
)
def test_anchors_ignore_line_breaks_hyphenation_and_curly_quotes_but_not_words(anchor, page, found):
    assert anchors.on_page(anchor, page) is found


def test_a_wrong_anchor_stops_the_build_naming_file_item_and_field(tmp_path):
    source = inspection_coding.INSPECTIONS_DIR / f"{HARINGEY}.yml"
    raw = yaml.safe_load(source.read_text(encoding="utf-8"))
    finding = raw["aspects"]["forum"]["items"][0]
    finding["anchor"] = "words that appear nowhere in the report at all"
    broken = tmp_path / source.name
    broken.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    with pytest.raises(evidence.EvidenceError) as error:
        citations.check_reports(inspection_reports.page_text, [broken])
    message = str(error.value)
    assert str(broken) in message and f"item {finding['id']}" in message and "field 'anchor'" in message
    assert f"page {finding['page']}" in message


def test_a_wrong_anchor_to_a_held_source_text_names_the_item(tmp_path):
    items = evidence.load_register()
    [first] = [c for c in items if c.item.id == "haringey-001"]
    wrong = first.item.model_copy(update={"anchor": "a sentence the review never wrote"})
    with pytest.raises(evidence.EvidenceError, match=r"item haringey-001, field 'anchor'"):
        citations.check_register([evidence.CodedItem(wrong, first.area, first.file, first.line)])


def test_a_held_source_text_that_changed_is_refused(tmp_path):
    source = evidence.bibliography()["haringey-amaze-2020-participation-review-executive-summary"]
    shutil.copy(paths.sources_dir() / source.full_text, tmp_path / source.full_text)
    with open(tmp_path / source.full_text, "a", encoding="utf-8") as handle:
        handle.write("\nAn added line.\n")
    with pytest.raises(evidence.EvidenceError, match="field 'full_text_sha256'"):
        citations.held_text(source, tmp_path)


def test_every_anchor_in_the_book_is_on_its_page():
    everything = evidence_base.load()
    checked = citations.check_reports(
        inspection_reports.page_text, [c.file for c in everything.codings.values()]
    )
    assert checked == sum(1 for c in everything.items if c.item.aspect)
    assert citations.check_register(list(everything.items)) >= 9


def test_a_coding_that_skips_an_aspect_is_refused(tmp_path):
    source = inspection_coding.INSPECTIONS_DIR / f"{HARINGEY}.yml"
    raw = yaml.safe_load(source.read_text(encoding="utf-8"))
    del raw["aspects"]["cyp-voice"]
    broken = tmp_path / source.name
    broken.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    with pytest.raises(evidence.EvidenceError, match="aspects cyp-voice are not coded"):
        inspection_coding.load_coding(broken)


def test_the_middle_rung():
    codebook = evidence.framework()
    assert inspection_coding.middle_rung([], codebook) is None
    assert (
        inspection_coding.middle_rung(["co-production", "informing", "engagement"], codebook) == "engagement"
    )
    # Four rungs: consultation, engagement | co-design, co-production -> the lower middle one.
    assert (
        inspection_coding.middle_rung(["co-production", "co-design", "consultation", "engagement"], codebook)
        == "engagement"
    )


def test_cohen_kappa_worked_by_hand():
    # Forum aspect of the six reports coded twice: one disagreement (co-design against consultation).
    first = ["engagement", "says nothing", "engagement", "co-production", "co-design", "engagement"]
    second = ["engagement", "says nothing", "engagement", "co-production", "consultation", "engagement"]
    # Observed 5/6; chance (3*3 + 1*1 + 1*1) / 36 = 11/36; kappa = (30/36 - 11/36) / (25/36) = 19/25.
    assert agreement.cohen_kappa(first, second) == pytest.approx(0.76)
    assert agreement.percent_agreement(first, second) == pytest.approx(500 / 6)
    # A textbook case: 50 units, 20 yes/yes, 15 no/no, 5 yes/no, 10 no/yes: po 0.7, pe 0.5, kappa 0.4.
    one = ["yes"] * 25 + ["no"] * 25
    two = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert agreement.cohen_kappa(one, two) == pytest.approx(0.4)
    assert agreement.cohen_kappa(["a", "a"], ["a", "a"]) is None


def test_at_least_five_reports_are_coded_twice_and_every_disagreement_is_settled():
    coded_twice = agreement.pairs()
    assert len(coded_twice) >= 5
    settled = agreement.settlement()
    raw = yaml.safe_load(agreement.SETTLEMENT.read_text(encoding="utf-8"))["settled"]
    recorded = {(e["report"], e["aspect"]): (e["first"], e["second"]) for e in raw}
    for result in agreement.by_aspect(coded_twice):
        for report, first, second in result.pairs:
            if first != second:
                assert recorded.get((report, result.aspect)) == (first, second)
                assert len(settled[(report, result.aspect)]) > 40
    assert len(recorded) == sum(r.reports - r.agreed for r in agreement.by_aspect(coded_twice))


def test_the_coding_guides_worked_examples_quote_their_pages():
    everything = evidence_base.load()
    items = {c.item.id: c for c in everything.items}
    checked = coding_guide.check_examples(items, inspection_reports.page_text)
    assert checked >= len(inspection_coding.ASPECTS)
    for aspect, part in coding_guide.guide().aspects.items():
        assert part.examples, f"no worked example for {aspect}"


def test_candidate_passages_find_each_aspect_on_its_page():
    from helpers.evidence import passages

    frame = inspection_reports.pages()
    pages = list(frame[frame["report"] == "E10000032_west-sussex_2024-02-29"].sort_values("page")["text"])
    found = passages.candidates(pages)
    # Page 3 of the West Sussex report: "The West Sussex Parent Carer Forum (PCF) takes an active role..."
    assert any(p.aspect == "forum" and p.page == 3 and "takes an active role" in p.text for p in found)
    # Page 2: "The 'Young Voices' participation group facilitates children and young people..."
    assert any(p.aspect == "cyp-voice" and p.page == 2 and "Young Voices" in p.text for p in found)
    # The areas for improvement follow their heading to the end of the report.
    improvement = [p for p in found if p.aspect == "improvement"]
    assert improvement and min(p.page for p in improvement) >= 5
    text = passages.report(pages)
    assert all(f"== {aspect}:" in text for aspect in inspection_coding.ASPECTS)


def test_the_passages_command_reads_a_report_pdf(capsys):
    from helpers.build import cli

    pdf = paths.data_dir() / "ofsted_send_reports" / "E06000001_hartlepool_2023-05-16.pdf"
    assert cli.main(["passages", str(pdf)]) == 0
    out = capsys.readouterr().out
    assert "== forum:" in out and "page " in out
    assert cli.main(["passages", "nowhere.pdf"]) == 2


def test_the_national_chapter_shows_areas_without_a_report_as_their_own_category():
    from helpers.present import inspection_views

    chapter = inspection_views.load([])
    data = chapter.map().data
    # 153 upper-tier areas, 55 with a report in the book's data: 98 without.
    assert len(data) == 153
    assert (data["category"] == inspection_views.NO_REPORT).sum() == 98
    table = chapter.outcome_table().data
    assert '<th scope="row">All outcomes</th>' in table and "<td>55</td></tr>" in table


def test_a_finding_that_copies_more_than_a_short_phrase_is_refused(tmp_path):
    source = inspection_coding.INSPECTIONS_DIR / f"{HARINGEY}.yml"
    raw = yaml.safe_load(source.read_text(encoding="utf-8"))
    finding = raw["aspects"]["own-plan"]["items"][0]
    # Thirteen consecutive words of page 2 of the report, one more than a quotation may have.
    finding["finding"] = (
        "Inspectors wrote that the voice of the child or young person rings very clearly through EHC plans."
    )
    finding["page"] = 2
    finding["anchor"] = "rings very clearly through EHC plans"
    broken = tmp_path / source.name
    broken.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    with pytest.raises(evidence.EvidenceError, match=r"field 'finding': copies 13 or more consecutive words"):
        citations.check_reports(inspection_reports.page_text, [broken])


def test_a_register_item_that_copies_its_held_text_is_refused():
    items = evidence.load_register()
    [first] = [c for c in items if c.item.id == "haringey-001"]
    held = citations.held_text(evidence.bibliography()[first.item.source])
    words = held.split()
    copied = " ".join(words[40:54])  # fourteen consecutive words of the held summary
    wrong = first.item.model_copy(update={"finding": f"The review said: {copied}."})
    with pytest.raises(evidence.EvidenceError, match=r"item haringey-001, field 'finding': copies 13"):
        citations.check_register([evidence.CodedItem(wrong, first.area, first.file, first.line)])
