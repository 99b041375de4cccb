"""The templates' parameter contract, and the executed pages handed to nbval."""

from __future__ import annotations

import nbformat
import papermill
import pytest

from helpers.build import execution
from helpers.data import runlist
from helpers.pages import catalogue

#: The type papermill infers for each build parameter from the template's typed default.
PARAMETER_TYPES = {"area_code": "str", "area_codes": "list"}
TEMPLATES = [page for page in catalogue.PAGE_TYPES if page.executed]


@pytest.mark.parametrize("page_type", TEMPLATES, ids=lambda page: page.id)
def test_each_template_declares_exactly_its_typed_and_documented_parameters(page_type):
    parameters = papermill.inspect_notebook(str(page_type.template_path))
    assert list(parameters) == list(page_type.parameters)
    for name, found in parameters.items():
        assert found["inferred_type_name"] == PARAMETER_TYPES[name]
        assert found["help"], f"{page_type.template}: the parameter {name} has no comment"


def test_the_area_template_takes_a_gss_code():
    parameters = papermill.inspect_notebook(str(catalogue.get("area-profile").template_path))
    assert "GSS code" in parameters["area_code"]["help"]


@pytest.mark.parametrize("page_type", TEMPLATES, ids=lambda page: page.id)
def test_templates_are_stored_without_outputs(page_type):
    notebook = nbformat.read(page_type.template_path, as_version=4)
    assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code")


def test_finish_page_sets_the_title_and_hides_injected_parameters():
    template = catalogue.get("area-profile").template_path
    notebook = nbformat.read(template, as_version=4)
    injected = nbformat.v4.new_code_cell(
        'area_code = "E06000066"', metadata={"tags": ["injected-parameters"]}
    )
    notebook.cells.insert(2, injected)
    cells = execution.finish_page(notebook, "Somerset", template).cells
    assert cells[0].source == "# Somerset"
    assert "remove-cell" in cells[2].metadata["tags"]


def test_a_page_without_a_title_cell_is_refused():
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Untitled")])
    with pytest.raises(ValueError, match="no markdown cell tagged 'title'"):
        execution.finish_page(notebook, "Somerset", catalogue.get("area-profile").template_path)


def test_output_check_flags_a_notebook_without_outputs():
    # The guard must be able to fail: an unexecuted template has display cells with no output.
    assert execution.cells_missing_outputs(catalogue.get("area-profile").template_path)


@pytest.mark.slow
def test_nbval_is_handed_every_page_of_the_run_list_with_outputs():
    executed = catalogue.outputs()
    assert sorted(executed) == sorted(page.target for page in execution.pages_for(runlist.load()))
    for page in executed:
        assert execution.cells_missing_outputs(page) == [], f"{page} has code cells without outputs"
