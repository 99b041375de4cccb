"""Parse once, rebuild only what changed, and warm kernels that leave nothing behind between pages."""

from __future__ import annotations

import json
import shutil

import nbformat
import pandas as pd
import pytest

from helpers import build, evidence, executors, paths, runlist, store


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


@pytest.fixture()
def pages(tmp_path, monkeypatch):
    """Two fake pages with their own template, inputs and outputs; state kept in tmp."""
    monkeypatch.setattr(build, "PAGE_STATE", tmp_path / "pages.json")
    template = tmp_path / "template.ipynb"
    nbformat.write(nbformat.v4.new_notebook(), template)
    inputs = [tmp_path / "a.yml", tmp_path / "b.yml"]
    for file in inputs:
        file.write_text("items: []\n")
    made = [
        build.Page(name, template, tmp_path / f"{name}.ipynb", {"area_code": name}, name, (file,))
        for name, file in zip(["a", "b"], inputs, strict=True)
    ]
    for page in made:
        page.target.write_text("{}")
    return made, inputs


def remember(pages_list):
    _, digests = build.pages_to_run(pages_list, force=True)
    build.PAGE_STATE.write_text(json.dumps(digests))


def test_unchanged_pages_are_not_run_and_a_changed_input_reruns_its_page(pages):
    made, inputs = pages
    assert build.pages_to_run(made)[0] == made  # nothing recorded yet
    remember(made)
    assert build.pages_to_run(made)[0] == []
    inputs[1].write_text("items: [changed]\n")
    assert [p.name for p in build.pages_to_run(made)[0]] == ["b"]


def test_a_missing_output_or_new_parameters_rerun_the_page(pages):
    made, _ = pages
    remember(made)
    made[0].target.unlink()
    assert [p.name for p in build.pages_to_run(made)[0]] == ["a"]
    moved = [build.Page("b", made[1].template, made[1].target, {"area_code": "other"}, "b", made[1].inputs)]
    assert [p.name for p in build.pages_to_run(moved)[0]] == ["b"]


def test_changing_one_areas_evidence_reruns_its_page_and_the_register_pages():
    pages_list = build.pages_for(runlist.load())
    haringey = evidence.EVIDENCE_DIR / "haringey.yml"
    dependants = {p.name for p in pages_list if haringey in p.inputs}
    assert dependants == {
        "Haringey",
        "Comparison",
        "Framework and methods",
        "Evidence register",
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
        outcomes = [
            executors.run_job(executors.Job(f.stem, f, tmp_path / f"out-{f.name}", {"x": 1}))
            for f in (first, second)
        ]
        kernel = executors.warm_kernel()
        assert all(o.error is None for o in outcomes)
        results = [
            nbformat.read(tmp_path / f"out-{f.name}", as_version=4).cells[-1].outputs[0]["data"]["text/plain"]
            for f in (first, second)
        ]
        assert results == ["42", "False"]  # the second page cannot see the first page's variables
        assert kernel.is_alive()
    finally:
        executors.restart_kernel()


def test_executors_are_pluggable():
    with executors.make_executor("process", workers=1) as pool:
        assert pool.submit(pow, 2, 5).result() == 32
    with pytest.raises(ValueError, match="Unknown executor"):
        executors.make_executor("threads")


def test_only_templates_that_declare_area_codes_are_given_them(tmp_path):
    copy = tmp_path / "area.ipynb"
    shutil.copyfile(paths.AREA_TEMPLATE, copy)
    assert build._takes_area_codes(paths.ENGLAND_TEMPLATE) and not build._takes_area_codes(copy)
