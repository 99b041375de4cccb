"""The area template's parameter contract, and the executed pages handed to nbval."""

from __future__ import annotations

import shutil

import nbformat
import papermill
import pytest

from helpers import build, paths, runlist


def test_template_parameters_are_typed_and_documented():
    parameters = papermill.inspect_notebook(str(paths.AREA_TEMPLATE))
    assert list(parameters) == ["area_code"]
    assert parameters["area_code"]["inferred_type_name"] == "str"
    assert "GSS code" in parameters["area_code"]["help"]
    england = papermill.inspect_notebook(str(paths.ENGLAND_TEMPLATE))
    assert list(england) == ["area_codes"]
    assert england["area_codes"]["inferred_type_name"] == "list"


@pytest.mark.parametrize("template", [paths.AREA_TEMPLATE, paths.ENGLAND_TEMPLATE])
def test_templates_are_stored_without_outputs(template):
    notebook = nbformat.read(template, as_version=4)
    assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code")


def test_finish_page_sets_the_title_and_hides_injected_parameters(tmp_path):
    page = tmp_path / "page.ipynb"
    shutil.copyfile(paths.AREA_TEMPLATE, page)
    notebook = nbformat.read(page, as_version=4)
    injected = nbformat.v4.new_code_cell(
        'area_code = "E06000066"', metadata={"tags": ["injected-parameters"]}
    )
    notebook.cells.insert(2, injected)
    nbformat.write(notebook, page)
    build.finish_page(page, "Somerset")
    cells = nbformat.read(page, as_version=4).cells
    assert cells[0].source == "# Somerset"
    assert "remove-cell" in cells[2].metadata["tags"]


def test_output_check_flags_a_notebook_without_outputs(tmp_path):
    # The guard must be able to fail: an unexecuted template has display cells with no output.
    assert build.cells_missing_outputs(paths.AREA_TEMPLATE)


@pytest.mark.slow
def test_nbval_is_handed_every_page_of_the_run_list_with_outputs():
    executed = build.executed_notebooks()
    assert sorted(executed) == sorted(page.target for page in build.pages_for(runlist.load()))
    for page in executed:
        assert build.cells_missing_outputs(page) == [], f"{page} has code cells without outputs"
