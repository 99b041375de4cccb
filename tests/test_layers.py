"""The layers contract run by `make lint` holds for the package, and fails for an import that points up."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from helpers import paths

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONPATH": str(root / "src")}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=root,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture()
def package_copy(tmp_path):
    """The package and the contract (only the import-linter section of pyproject.toml)."""
    shutil.copytree(
        paths.ROOT / "src/helpers", tmp_path / "src/helpers", ignore=shutil.ignore_patterns("__pycache__")
    )
    contract = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "importlinter"
    ]
    assert contract["contracts"][0]["type"] == "layers"
    layers = ", ".join(f'"{layer}"' for layer in contract["contracts"][0]["layers"])
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.importlinter]\nroot_package = "helpers"\n\n[[tool.importlinter.contracts]]\n'
        f'name = "layers"\ntype = "layers"\nlayers = [{layers}]\n',
        encoding="utf-8",
    )
    return tmp_path


def test_the_package_keeps_its_layers(package_copy):
    result = lint_imports(package_copy)
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize(
    ("module", "upward"),
    [
        ("data/areas.py", "from helpers.present import narrative"),  # data reaching up to presentation
        ("stats/benchmarks.py", "from helpers.evidence import participation"),  # siblings stay apart
        ("present/charts.py", "from helpers.pages import catalogue"),
    ],
)
def test_an_import_that_points_up_breaks_the_contract(package_copy, module, upward):
    file = package_copy / "src/helpers" / module
    file.write_text(file.read_text(encoding="utf-8") + f"\n{upward}  # noqa\n", encoding="utf-8")
    result = lint_imports(package_copy)
    assert result.returncode != 0
    importer = "helpers." + module.removesuffix(".py").replace("/", ".")
    assert importer in result.stdout and "BROKEN" in result.stdout
