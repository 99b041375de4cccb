"""The evidence register's validation: every bad item is rejected, naming file, line, item and field."""

from __future__ import annotations

import copy

import pytest
import yaml

from helpers.evidence import register as evidence

SOURCE = "haringey-amaze-2020-participation-review-executive-summary"
GOOD = {
    "id": "haringey-001",
    "source": SOURCE,
    "date": "2020-07",
    "kind": "review",
    "finding": "An independent review found most parent carers did not feel involved.",
    "ladder": "informing",
    "themes": ["relationships-trust"],
    "strength": "strong",
    "perspective": "independent",
}


def write(directory, area, items):
    file = directory / f"{area}.yml"
    file.write_text(yaml.safe_dump({"area": area, "items": items}, sort_keys=False), encoding="utf-8")
    return file


def item(**changes):
    entry = copy.deepcopy(GOOD)
    for key, value in changes.items():
        if value is None:
            entry.pop(key, None)
        else:
            entry[key] = value
    return entry


def test_a_good_item_loads(tmp_path):
    [coded] = evidence.load_file(write(tmp_path, "haringey", [item()]), evidence.known_areas())
    assert coded.item.when.isoformat() == "2020-07-01" and coded.item.precision == "month"
    assert coded.line == 3


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"ladder": "tokenistic"}, "ladder", "'tokenistic' is not one of coercion, educating"),
        ({"themes": ["trust"]}, "themes", "'trust' is not one of structures-governance"),
        ({"strength": "A"}, "strength", "'A' is not one of strong, moderate, limited, weak"),
        ({"kind": "blog"}, "kind", "'blog' is not one of survey"),
        ({"source": "nowhere-2020"}, "source", "'nowhere-2020' is not in data/sources.yml"),
        ({"date": "2021-02-30"}, "date", "not a real date"),
        ({"date": "2020-13"}, "date", "not a real date"),
        ({"date": "July 2020"}, "date", "not a date written YYYY"),
        ({"date": "2999-01-01"}, "date", "outside 1990 to today"),
        ({"themes": []}, "themes", "at least 1 item"),
        ({"finding": None}, "finding", "Field required"),
        ({"colour": "blue"}, "colour", "Extra inputs are not permitted"),
        ({"second_hand": True, "strength": "strong"}, "strength", "second-hand report is graded"),
        ({"quote": {"text": " ".join(["word"] * 13), "attribution": "x"}}, "quote.text", "at most 12 words"),
        ({"id": "somerset-001"}, "id", "ids in this file start with 'haringey-'"),
        ({"strength": 3}, "strength", "Input should be a valid string"),
        ({"perspective": "council"}, "perspective", "Input should be 'claimed', 'families' or 'independent'"),
        ({"perspective": None}, "perspective", "Field required"),
        ({"anchor": "one two three"}, "anchor", "at least 4 words"),
        ({"anchor": " ".join(["word"] * 13)}, "anchor", "at most 12 consecutive words"),
        ({"themes": "relationships-trust"}, "themes", "Input should be a valid list"),
        (
            {"finding": "Parents were told to email jo.bloggs@example.org about it."},
            "finding",
            "contact details",
        ),
        ({"event": "Forum chair's mobile 07700 900123 shared"}, "event", "'07700 900123'"),
        (
            {"quote": {"text": "Ring us on +44 20 7946 0000", "attribution": "a parent"}},
            "quote.text",
            "published_contact: true",
        ),
    ],
)
def test_bad_items_are_rejected_naming_file_line_item_and_field(tmp_path, changes, field, message):
    file = write(tmp_path, "haringey", [item(id="haringey-001"), item(**{"id": "haringey-002", **changes})])
    with pytest.raises(evidence.EvidenceError) as error:
        evidence.load_file(file, evidence.known_areas())
    text = str(error.value)
    expected_id = changes.get("id", "haringey-002")
    assert f"{file}, line 13, item {expected_id}" in text
    assert f"field '{field}'" in text and message in text


def test_an_organisations_published_contact_is_allowed_when_the_item_says_so(tmp_path):
    text = "The information, advice and support service publishes 020 7946 0000 and send@example.gov.uk."
    file = write(tmp_path, "haringey", [item(finding=text, published_contact=True)])
    [coded] = evidence.load_file(file, evidence.known_areas())
    assert coded.item.published_contact


@pytest.mark.parametrize("number", ["2014-2020", "1,495 of 2,000", "0 to 25", "E09000014", "2019 2020 2021"])
def test_years_counts_and_codes_are_not_taken_for_phone_numbers(tmp_path, number):
    file = write(tmp_path, "haringey", [item(finding=f"A finding that mentions {number} in passing.")])
    assert evidence.load_file(file, evidence.known_areas())


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,<script>",
        "file:///etc/passwd",
        "www.x.org",
        # An address with a note pasted into it.
        "https://x.org/20.pdf (canonical address not confirmed; copy used)",
    ],
)
def test_a_source_link_must_be_a_web_address(tmp_path, url):
    sources = yaml.safe_load(evidence.BIBLIOGRAPHY.read_text(encoding="utf-8"))
    sources["sources"][2]["url"] = url
    file = tmp_path / "sources.yml"
    file.write_text(yaml.safe_dump(sources, sort_keys=False), encoding="utf-8")
    with pytest.raises(evidence.EvidenceError) as error:
        evidence.bibliography(file)
    identifier = sources["sources"][2]["id"]
    line = file.read_text().splitlines().index(f"- id: {identifier}") + 1
    assert f"{file}, line {line}, source {identifier}: field 'url'" in str(error.value)
    assert "links start with http:// or https://" in str(error.value)


def test_unquoted_yaml_dates_mean_what_they_say(tmp_path):
    file = tmp_path / "haringey.yml"
    text = yaml.safe_dump({"area": "haringey", "items": [item()]}, sort_keys=False)
    file.write_text(text.replace("date: 2020-07", "date: 2021-10-08"), encoding="utf-8")
    [coded] = evidence.load_file(file, evidence.known_areas())
    assert coded.item.date == "2021-10-08" and coded.item.precision == "day"
    file.write_text(text.replace("date: 2020-07", "date: 2019"), encoding="utf-8")
    [coded] = evidence.load_file(file, evidence.known_areas())
    assert coded.item.date == "2019" and coded.item.precision == "year"


def test_unknown_area_and_mismatched_file_name(tmp_path):
    with pytest.raises(evidence.EvidenceError, match="'narnia' is not 'national' or the slug"):
        evidence.load_file(write(tmp_path, "narnia", []), evidence.known_areas())
    file = tmp_path / "somerset.yml"
    file.write_text("area: haringey\nitems: []\n", encoding="utf-8")
    with pytest.raises(evidence.EvidenceError, match="does not match the file name"):
        evidence.load_file(file, evidence.known_areas())


def test_duplicate_ids_across_the_register_are_rejected(tmp_path):
    first = write(tmp_path, "haringey", [item()])
    second = tmp_path / "again" / "haringey.yml"
    second.parent.mkdir()
    write(second.parent, "haringey", [item()])
    with pytest.raises(
        evidence.EvidenceError, match=r"item haringey-001, field 'id': duplicate id, already used at"
    ):
        evidence.load_register([first, second])


def test_follow_through_must_point_at_a_recorded_recommendation(tmp_path):
    made = item(recommendations=[{"id": "R1", "text": "Set up a new forum."}])
    later = item(
        id="haringey-002",
        date="2022",
        follow_through=[{"recommendation": "haringey-001/R2", "status": "done", "note": "A forum exists."}],
    )
    with pytest.raises(
        evidence.EvidenceError, match=r"field 'follow_through.0.recommendation': no recommendation"
    ):
        evidence.load_register([write(tmp_path, "haringey", [made, later])])


def test_the_book_register_is_valid():
    register = evidence.load_register()
    assert len(register) > 0
    assert {c.area for c in register} <= evidence.known_areas()
