"""`make data` against a local web server that plays the publishers' part.

The server holds the upstream files as the manifest's download URLs name them: the very files the data
directory's datasets were made from. The two SEN2 release zips are not kept anywhere, so the server's zips
are assembled from their recorded members; only their own checksums are changed in the test manifest.
Every dataset must then come out with the sha256 that data/manifest.yml records.
"""

from __future__ import annotations

import gzip
import hashlib
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from local_publisher import Publisher

from helpers import paths
from helpers.build import cli
from helpers.data import fetch, inspection_reports, manifest

#: The file of the data directory that each download URL's bytes are (named by the URL's last part).
UPSTREAM_COPIES = {
    "bds_long_0.parquet": "lait/lait_bds_long.parquet",
    "ons_mid-year_population_estimates_2012_to_2024.csv": (
        "dfe_child_population/ons_mid-year_population_estimates_2012_to_2024.csv"
    ),
    "Area_SEND_inspection_data_01_May_2016_to_31_August_2022.ods": (
        "ofsted_cqc_area_send/area_send_inspections_2016-05_to_2022-08.ods"
    ),
    "mye23tablesew.xlsx": "ons_mye2023/ons_mye23tablesew.xlsx",
    "mye22final.xlsx": "population/ons_mye22final.xlsx",
    "sn_may_2025.xlsx": "statistical_neighbours/dfe_sn_may_2025.xlsx",
    "New_Statistical_Neighbour_Groupings_April_2021.csv": "statistical_neighbours/dfe_sn_april_2021.csv",
    "sen2_mi.csv": "sen2_ehcp/2023/data/sen2_mi.csv",
    "changes.csv": "lookups/ons_la_code_changes_2018_2025.csv",
    "uk_local_authorities_current.csv": "lookups/mysociety_uk_local_authorities_current.csv",
    "Counties_and_Unitary_Authorities_December_2024_Boundaries_UK_BUC_-7342248301948489151.geojson": (
        "boundaries/ctyua_dec2024_uk_buc_epsg4326.geojson"
    ),
}
#: Zip member -> the data-directory file holding its bytes (gzip-compressed where the name ends .gz).
ZIP_MEMBERS = {
    "education-health-and-care-plans_2025.zip": {
        "data/timeliness_20_week.csv": "sen2_ehcp/2025/data/timeliness_20_week.csv.gz",
        "data/requests.csv": "sen2_ehcp/2025/data/requests.csv.gz",
        "data/caseload.csv": "sen2_ehcp/2025/data/caseload.csv.gz",
        "data/newplans.csv": "sen2_ehcp/2025/data/newplans.csv.gz",
        "supporting-files/SEND Tribunals and appeal rate 2014-2024.csv": (
            "tribunals/send_tribunal_appeal_rate_by_la_2014_2024_raw.csv"
        ),
    },
    "education-health-and-care-plans_2022.zip": {
        "data/sen2_age_caseload.csv": "sen2_ehcp/2022/data/sen2_age_caseload.csv.gz",
    },
}


def _member_bytes(file: Path) -> bytes:
    return gzip.decompress(file.read_bytes()) if file.suffix == ".gz" else file.read_bytes()


@pytest.fixture(scope="module")
def publisher(tmp_path_factory):
    """The server, holding every download the real manifest names."""
    source_dir = paths.data_dir()
    server = Publisher(tmp_path_factory.mktemp("publisher"))
    zip_checksums = {}
    recorded = manifest.datasets()
    for dataset_id, recipe in fetch.recipes().items():
        for source in recipe.sources:
            name = Path(urlsplit(source.url).path).name
            if source.sha256 in zip_checksums:
                continue  # one zip serves several datasets
            if name in ZIP_MEMBERS:
                buffer = server.folder / "zip.tmp"
                with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
                    for member, file in ZIP_MEMBERS[name].items():
                        archive.writestr(member, _member_bytes(source_dir / file))
                data = buffer.read_bytes()
                zip_checksums[source.sha256] = hashlib.sha256(data).hexdigest()
            elif dataset_id.startswith(inspection_reports.PREFIX):
                # Each inspection report is downloaded byte for byte as the data directory holds it.
                data = (source_dir / recorded[dataset_id].file).read_bytes()
            else:
                data = (source_dir / UPSTREAM_COPIES[name]).read_bytes()
            server.put(source.url, data)
    server.zip_checksums = zip_checksums
    yield server
    server.close()


def local_manifest(publisher: Publisher, folder: Path, change=None) -> Path:
    """The real manifest with download URLs pointing at the local server; ``change`` edits it further."""
    raw = yaml.safe_load(paths.MANIFEST.read_text(encoding="utf-8"))
    for entry in raw["datasets"].values():
        for source in entry["download"].get("from", []):
            source["url"] = publisher.local_url(source["url"])
            source["sha256"] = publisher.zip_checksums.get(source["sha256"], source["sha256"])
    if change:
        change(raw["datasets"])
    file = folder / "manifest.yml"
    file.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    return file


def by_id(outcomes):
    return {outcome.dataset_id: outcome for outcome in outcomes}


def test_every_dataset_is_downloaded_rebuilt_and_verified(publisher, tmp_path):
    data_dir = tmp_path / "data"
    outcomes = by_id(fetch.fetch_all(data_dir, local_manifest(publisher, tmp_path)))
    recorded = manifest.datasets()
    assert set(outcomes) == set(recorded)
    # One dataset is a snapshot scraped from inspection reports: no script can rebuild it.
    assert outcomes.pop("inspections_2023").status == "manual"
    assert not (data_dir / recorded["inspections_2023"].file).exists()
    for dataset_id, outcome in outcomes.items():
        assert outcome.status == "downloaded", outcome.detail
        assert manifest.sha256_of(data_dir / recorded[dataset_id].file) == recorded[dataset_id].sha256
    # Nothing half-written is left beside the datasets.
    assert not list(data_dir.rglob(".*.tmp"))


def test_files_already_in_place_are_not_downloaded_again(publisher, tmp_path):
    manifest_file = local_manifest(publisher, tmp_path)
    data_dir = tmp_path / "data"
    fetch.fetch_all(data_dir, manifest_file, only=["la_code_changes", "la_names"])
    asked = len(publisher.requests)
    again = fetch.fetch_all(data_dir, manifest_file, only=["la_code_changes", "la_names"])
    assert [outcome.status for outcome in again] == ["present", "present"]
    assert len(publisher.requests) == asked


def test_a_download_that_differs_from_its_checksum_is_reported_and_not_saved(publisher, tmp_path):
    url = "/tampered/changes.csv"
    recorded = manifest.get("la_code_changes")
    original = (paths.data_dir() / recorded.file).read_bytes()
    publisher.put(url, original.replace(b"E06000066", b"E06000067", 1))

    def serve_tampered(datasets):
        datasets["la_code_changes"]["download"]["from"][0]["url"] = publisher.base + url

    data_dir = tmp_path / "data"
    [outcome] = fetch.fetch_all(
        data_dir, local_manifest(publisher, tmp_path, serve_tampered), ["la_code_changes"]
    )
    assert outcome.status == "mismatch"
    assert recorded.sha256 in outcome.detail and "Nothing was saved" in outcome.detail
    assert not (data_dir / recorded.file).exists()


def test_a_rebuilt_file_that_differs_from_the_dataset_checksum_is_not_saved(publisher, tmp_path):
    """The download matches its own (changed) checksum, but the result is not the recorded dataset."""
    url = "/new-release/changes.csv"
    original = (paths.data_dir() / manifest.get("la_code_changes").file).read_bytes()
    changed = original + b"E06000999,E06000998,2026\n"
    publisher.put(url, changed)

    def new_release(datasets):
        source = datasets["la_code_changes"]["download"]["from"][0]
        source["url"], source["sha256"] = publisher.base + url, hashlib.sha256(changed).hexdigest()

    data_dir = tmp_path / "data"
    [outcome] = fetch.fetch_all(
        data_dir, local_manifest(publisher, tmp_path, new_release), ["la_code_changes"]
    )
    assert outcome.status == "mismatch"
    assert hashlib.sha256(changed).hexdigest() in outcome.detail
    assert manifest.get("la_code_changes").sha256 in outcome.detail
    assert not (data_dir / "lookups").exists()


def test_a_missing_download_is_reported_with_its_address(publisher, tmp_path):
    def moved(datasets):
        datasets["la_names"]["download"]["from"][0]["url"] = publisher.base + "/moved/names.csv"

    [outcome] = fetch.fetch_all(tmp_path / "data", local_manifest(publisher, tmp_path, moved), ["la_names"])
    assert outcome.status == "failed"
    assert "/moved/names.csv" in outcome.detail and "HTTP 404" in outcome.detail


def test_a_different_file_already_there_is_kept_unless_replace_is_asked(publisher, tmp_path):
    manifest_file = local_manifest(publisher, tmp_path)
    recorded = manifest.get("la_code_changes")
    existing = tmp_path / "data" / recorded.file
    existing.parent.mkdir(parents=True)
    existing.write_text("an analyst's own edit\n", encoding="utf-8")
    [kept] = fetch.fetch_all(tmp_path / "data", manifest_file, ["la_code_changes"])
    assert kept.status == "differs" and str(existing) in kept.detail
    assert existing.read_text(encoding="utf-8") == "an analyst's own edit\n"
    [replaced] = fetch.fetch_all(tmp_path / "data", manifest_file, ["la_code_changes"], replace=True)
    assert replaced.status == "downloaded"
    assert manifest.sha256_of(existing) == recorded.sha256


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d["la_names"]["download"]["from"][0].update(url="ftp://example.org/x.csv"), "from[1].url"),
        (lambda d: d["la_names"]["download"]["from"][0].update(sha256="abc"), "from[1].sha256"),
        (lambda d: d["lait_send"]["download"].update(reshape="lait_sendd"), "download.reshape"),
        (lambda d: d["la_names"].pop("download"), "'download': missing"),
    ],
)
def test_a_malformed_download_recipe_names_the_dataset_and_field(publisher, tmp_path, edit, message):
    manifest_file = local_manifest(publisher, tmp_path, edit)
    with pytest.raises(manifest.DataError, match="dataset '(la_names|lait_send)'") as error:
        fetch.recipes(manifest_file)
    assert message in str(error.value)


def test_make_data_command_exits_non_zero_unless_every_dataset_is_in_place(publisher, tmp_path, monkeypatch):
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "data"))
    manifest_file = str(local_manifest(publisher, tmp_path))
    assert cli.main(["data", "--manifest", manifest_file, "--only", "la_code_changes"]) == 0
    assert cli.main(["data", "--manifest", manifest_file, "--only", "inspections_2023"]) == 1
    assert cli.main(["data", "--manifest", manifest_file, "--only", "no_such_dataset"]) == 2


def test_stored_gzip_reproduces_the_recorded_compressed_files():
    """The data directory's .csv.gz files were compressed at level 9 with no name and time 0."""
    recorded = manifest.get("sen2_requests")
    compressed = (paths.data_dir() / recorded.file).read_bytes()
    assert fetch.stored_gzip(gzip.decompress(compressed)) == compressed
