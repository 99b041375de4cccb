"""Parse once, rebuild only what changed, and warm kernels that leave nothing behind between pages."""

from __future__ import annotations

import json
import shutil

import nbformat
import pandas as pd
import pytest

from helpers import paths, version
from helpers.build import execution, executors
from helpers.data import runlist, store
from helpers.evidence import register as evidence
from helpers.pages import catalogue


@pytest.fixture()
def private_store(tmp_path, monkeypatch):
    monkeypatch.setattr(store, "STORE", tmp_path / "processed")
    return tmp_path / "processed"


def test_store_computes_once_then_reads_parquet(private_store):
    calls = []

    @store.table("example")
    def example(n):
        calls.append(n)
        return pd.DataFrame({"n": [n, n + 1], "label": ["a", None]})

    first = example(2)
    assert calls == [2] and (private_store / store.key() / "example-2.parquet").is_file()
    example.cache_clear()  # a new process: nothing in memory, the parquet file is read
    second = example(2)
    assert calls == [2]
    pd.testing.assert_frame_equal(first, second, check_dtype=False)


def test_store_key_follows_the_manifest(tmp_path, monkeypatch):
    before = store.key()
    changed = tmp_path / "manifest.yml"
    changed.write_text(paths.MANIFEST.read_text() + "\n# a new release\n")
    monkeypatch.setattr(paths, "MANIFEST", changed)
    store.key.cache_clear()
    try:
        assert store.key() != before
    finally:
        store.key.cache_clear()


def test_store_key_follows_the_processing_code_in_every_subpackage(tmp_path, monkeypatch):
    code = tmp_path / "helpers"
    shutil.copytree(version.CODE_DIR, code, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(version, "CODE_DIR", code)
    store.key.cache_clear()
    try:
        before = store.key()
        nested = code / "data" / "nested" / "loader.py"
        nested.parent.mkdir()
        nested.write_text("X = 1\n")
        store.key.cache_clear()
        added = store.key()
        nested.write_text("X = 2\n")
        store.key.cache_clear()
        changed = store.key()
        assert len({before, added, changed}) == 3
        (code / "present" / "narrative.py").write_text("# presentation is not processing\n")
        store.key.cache_clear()
        assert store.key() == changed  # only the data and stats layers decide the processed tables
    finally:
        store.key.cache_clear()


@pytest.fixture()
def pages(tmp_path, monkeypatch):
    """Two fake pages with their own template, inputs and outputs; state kept in tmp."""
    monkeypatch.setattr(execution, "PAGE_STATE", tmp_path / "pages.json")
    template = tmp_path / "template.ipynb"
    nbformat.write(nbformat.v4.new_notebook(), template)
    inputs = [tmp_path / "a.yml", tmp_path / "b.yml"]
    for file in inputs:
        file.write_text("items: []\n")
    made = [
        execution.Page(name, template, tmp_path / f"{name}.ipynb", {"area_code": name}, (file,))
        for name, file in zip(["a", "b"], inputs, strict=True)
    ]
    for page in made:
        page.target.write_text("{}")
    return made, inputs


def remember(pages_list):
    _, digests = execution.pages_to_run(pages_list, force=True)
    execution.PAGE_STATE.write_text(json.dumps(digests))


def test_unchanged_pages_are_not_run_and_a_changed_input_reruns_its_page(pages):
    made, inputs = pages
    assert execution.pages_to_run(made)[0] == made  # nothing recorded yet
    remember(made)
    assert execution.pages_to_run(made)[0] == []
    inputs[1].write_text("items: [changed]\n")
    assert [p.name for p in execution.pages_to_run(made)[0]] == ["b"]


def test_a_missing_output_or_new_parameters_rerun_the_page(pages):
    made, _ = pages
    remember(made)
    made[0].target.unlink()
    assert [p.name for p in execution.pages_to_run(made)[0]] == ["a"]
    moved = [execution.Page("b", made[1].template, made[1].target, {"area_code": "other"}, made[1].inputs)]
    assert [p.name for p in execution.pages_to_run(moved)[0]] == ["b"]


def test_changing_one_areas_evidence_reruns_its_page_and_the_register_pages():
    pages_list = execution.pages_for(runlist.load())
    haringey = evidence.EVIDENCE_DIR / "haringey.yml"
    dependants = {p.name for p in pages_list if haringey in p.inputs}
    assert dependants == {
        "Haringey",
        "Comparing the areas",
        "Framework and methods",
        "The evidence register",
        "Bibliography",
    }
    assert all(haringey not in p.inputs for p in pages_list if p.name in {"Somerset", "England maps"})


@pytest.mark.slow
def test_a_warm_kernel_runs_pages_in_a_fresh_namespace(tmp_path):
    first, second = tmp_path / "first.ipynb", tmp_path / "second.ipynb"
    for file, source in [(first, "leftover = 41\nleftover + 1"), (second, "'leftover' in globals()")]:
        notebook = nbformat.v4.new_notebook()
        notebook.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        }
        notebook.cells = [
            nbformat.v4.new_code_cell("x = 0", metadata={"tags": ["parameters"]}),
            nbformat.v4.new_code_cell(source),
        ]
        nbformat.write(notebook, file)
    try:
        expected = executors.fingerprint()
        outcomes = [
            executors.run_job(
                executors.Job.for_page(f.stem, f, tmp_path / f"out-{f.name}", {"x": 1}, expected)
            )
            for f in (first, second)
        ]
        kernel = executors.warm_kernel()
        assert all(o.error is None for o in outcomes)
        results = [o.notebook.cells[-1].outputs[0]["data"]["text/plain"] for o in outcomes]
        assert results == ["42", "False"]  # the second page cannot see the first page's variables
        assert kernel.is_alive()
        assert not any(tmp_path.glob("out-*"))  # the worker writes nothing: the build does
    finally:
        executors.restart_kernel()


def test_a_worker_whose_copy_of_the_book_differs_refuses_the_page(tmp_path):
    template = tmp_path / "template.ipynb"
    nbformat.write(nbformat.v4.new_notebook(), template)
    job = executors.Job.for_page("A page", template, tmp_path / "page.ipynb", {}, "the build's fingerprint")
    outcome = executors.run_job(job)
    assert "differs from the build's" in outcome.error and outcome.notebook is None
    assert not (tmp_path / "page.ipynb").exists()


def test_executors_are_pluggable():
    with executors.make_executor("process", workers=1) as pool:
        assert pool.submit(pow, 2, 5).result() == 32
    with pytest.raises(ValueError, match="Unknown executor"):
        executors.make_executor("threads")


def test_pages_are_given_the_parameters_their_type_declares():
    compared = runlist.load()
    pages = execution.pages_for(compared[:1], compared)
    by_name = {page.name: page for page in pages}
    assert by_name[compared[0].name].parameters == {"area_code": compared[0].code}
    assert by_name["England maps"].parameters == {"area_codes": [area.code for area in compared]}
    assert by_name["Bibliography"].parameters == {}
    assert len(pages) == 1 + len([p for p in catalogue.executed() if not p.per_area])
