"""Page types are declared once: the contents, .gitignore, clean and copies follow the declarations."""

from __future__ import annotations

import dataclasses
import subprocess

import pytest

from helpers import paths
from helpers.build import outputs, toc
from helpers.pages import catalogue


def test_the_committed_table_of_contents_is_the_one_the_declarations_give():
    assert (paths.ROOT / "_toc.yml").read_text(encoding="utf-8") == toc.render()


def test_the_table_of_contents_lists_parts_in_declaration_order():
    text = toc.render()
    assert "root: chapters/intro\n" in text
    assert "      - glob: chapters/areas/profiles/*\n" in text
    captions = [line.split(": ", 1)[1] for line in text.splitlines() if line.startswith("  - caption:")]
    assert captions == list(dict.fromkeys(p.part for p in catalogue.PAGE_TYPES if p.part is not None))


def test_a_new_declaration_changes_the_table_of_contents():
    extra = catalogue.PageType(
        "extra", "Extra", "Comparison", "chapters/extra/extra.ipynb", "chapters/x_template.ipynb"
    )
    text = toc.render((*catalogue.PAGE_TYPES, extra))
    assert "      - file: chapters/compare/compare\n      - file: chapters/extra/extra\n" in text


def ignored(path: str) -> bool:
    """Whether git ignores a path (which need not exist), by the repository's .gitignore."""
    found = subprocess.run(["git", "check-ignore", "--no-index", "-q", path], cwd=paths.ROOT, check=False)
    return found.returncode == 0


@pytest.mark.parametrize("page_type", catalogue.executed(), ids=lambda page: page.id)
def test_gitignore_ignores_every_executed_page_and_no_template(page_type):
    assert ignored(page_type.output.replace("{slug}", "somerset"))
    assert not ignored(page_type.template)
    assert ignored("chapters/a-new-page/new.ipynb") and not ignored("chapters/a-new-page/new_template.ipynb")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"template": "chapters/compare/compare.ipynb"}, "template"),
        ({"output": "pages/compare.ipynb"}, "output"),
        ({"output": "chapters/compare/compare_template.ipynb"}, "output"),
        ({"per_area": True}, "output"),
        ({"parameters": ("area_name",)}, "parameters"),
    ],
)
def test_an_inconsistent_declaration_is_refused_naming_the_page_and_field(change, field):
    broken = dataclasses.replace(catalogue.get("comparison"), **change)
    with pytest.raises(catalogue.DeclarationError, match=rf"page type 'comparison' .*field '{field}'"):
        broken.check()


def test_two_front_pages_or_a_repeated_id_are_refused():
    second_front = dataclasses.replace(catalogue.get("analysts-guide"), id="second-front", part=None)
    with pytest.raises(catalogue.DeclarationError, match="front page"):
        catalogue.check_all((*catalogue.PAGE_TYPES, second_front))
    with pytest.raises(catalogue.DeclarationError, match="declared twice"):
        catalogue.check_all((*catalogue.PAGE_TYPES, catalogue.get("register")))


def test_input_files_expand_globs_and_name_the_areas_file():
    # Somerset has no inspection report in the book's data, so no coded report among its inputs.
    area = catalogue.get("area-profile").input_files("somerset", "E06000066")
    assert [f.relative_to(paths.ROOT).as_posix() for f in area] == [
        "data/evidence/somerset.yml",
        "data/framework.yml",
        "data/sources.yml",
    ]
    haringey = catalogue.get("area-profile").input_files("haringey", "E09000014")
    assert paths.BOOK_DATA / "evidence/inspections/E09000014_haringey_2024-04-03.yml" in haringey
    register = catalogue.get("register").input_files()
    expected = sorted(paths.BOOK_DATA.glob("evidence/*.yml")) + sorted(
        paths.BOOK_DATA.glob("evidence/inspections/E*.yml")
    )
    assert expected == register[:-2]
    assert catalogue.get("england-maps").input_files() == []


@pytest.fixture()
def tree(tmp_path, monkeypatch):
    """A small book with a template, executed pages and a build folder."""
    files = [
        "chapters/intro.md",
        "chapters/compare/compare_template.ipynb",
        "chapters/compare/compare.ipynb",
        "chapters/areas/area_profile_template.ipynb",
        "chapters/areas/profiles/haringey.ipynb",
        "chapters/areas/profiles/somerset.ipynb",
        "chapters/notes/hand_written.ipynb",
        "_build/html/index.html",
        "src/helpers/paths.py",
    ]
    for name in files:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(name)
    monkeypatch.setattr(paths, "ROOT", tmp_path)
    monkeypatch.setattr(paths, "BUILD", tmp_path / "_build")
    return tmp_path


def test_outputs_are_the_declared_executed_pages(tree):
    found = {f.relative_to(tree).as_posix() for f in catalogue.outputs()}
    assert found == {
        "chapters/areas/profiles/haringey.ipynb",
        "chapters/areas/profiles/somerset.ipynb",
        "chapters/compare/compare.ipynb",
    }
    assert not catalogue.is_output(tree / "chapters/notes/hand_written.ipynb")  # declared by no page type


def test_clean_removes_the_build_and_the_executed_pages_only(tree):
    outputs.clean()
    left = {f.relative_to(tree).as_posix() for f in tree.rglob("*") if f.is_file()}
    assert left == {
        "chapters/intro.md",
        "chapters/compare/compare_template.ipynb",
        "chapters/areas/area_profile_template.ipynb",
        "chapters/notes/hand_written.ipynb",
        "src/helpers/paths.py",
    }


def test_a_copy_of_the_book_leaves_the_outputs_behind(tree, tmp_path_factory):
    copy = outputs.copy_ignoring_outputs(tmp_path_factory.mktemp("copy") / "book")
    copied = {f.relative_to(copy).as_posix() for f in copy.rglob("*") if f.is_file()}
    assert (
        "chapters/compare/compare_template.ipynb" in copied and "chapters/notes/hand_written.ipynb" in copied
    )
    assert not any(name.startswith("_build") or "/profiles/" in name for name in copied)
    assert "chapters/compare/compare.ipynb" not in copied
