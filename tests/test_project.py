"""Project hygiene: dependency lists agree, notebooks are committed clean and parameterised."""

from __future__ import annotations

import json
import re
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def requirement_name(spec: str) -> str:
    return re.split(r"[<>=!~\[ ;]", spec.strip(), maxsplit=1)[0].lower().replace("_", "-")


def pyproject_dependencies() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    specs = project["dependencies"] + project["optional-dependencies"]["dev"]
    return {requirement_name(spec) for spec in specs}


def test_environment_yml_lists_the_same_dependencies_as_pyproject():
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = {
        requirement_name(dep)
        for dep in environment["dependencies"]
        if isinstance(dep, str) and requirement_name(dep) not in {"python", "pip"}
    }
    assert conda == pyproject_dependencies()


def test_lock_file_pins_every_dependency():
    pinned = {
        requirement_name(line)
        for line in (ROOT / "requirements" / "lock.txt").read_text().splitlines()
        if "==" in line
    }
    assert pyproject_dependencies() <= pinned


def test_notebooks_are_numbered():
    # 00 is the analyst's way in; 01.. are the reports, in the order they are read
    assert [p.name[:3] for p in NOTEBOOKS] == [f"{i:02d}_" for i in range(len(NOTEBOOKS))]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_stored_without_outputs(path):
    if (ROOT / ".git").exists():  # what git commits: test_lab checks HEAD (a run may autosave)
        pytest.skip("a git checkout: tests/test_lab.py checks the committed notebooks")
    notebook = json.loads(path.read_text())
    for cell in notebook["cells"]:
        assert not cell.get("outputs"), f"{path.name}: a cell has outputs"
        assert not cell.get("execution_count"), f"{path.name}: a cell has an execution count"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_has_a_tagged_parameters_cell_first_among_code(path):
    notebook = json.loads(path.read_text())
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    assert "parameters" in code[0]["metadata"].get("tags", [])
    source = "".join(code[0]["source"])
    assert 'dataset: str = "../data/demo"' in source  # runs on the demo with no edits
    assert "lang: str" in source


def test_makefile_demo_writes_where_the_notebooks_look():
    makefile = (ROOT / "Makefile").read_text()
    assert "DEMO   := data/demo" in makefile
    assert "\ndata/*\n" in (ROOT / ".gitignore").read_text()  # data/demo with every dataset


@pytest.mark.parametrize("target", ["demo", "test", "lab"])
def test_make_compiles_the_package_again_after_a_source_changes(target):
    """Where Python writes no bytecode (PYTHONDONTWRITEBYTECODE, as this machine and many
    container images), each command and report kernel compiled the sources again."""
    dry = subprocess.run(
        ["make", "-n", "-W", "src/orgsocial/app.py", target],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "-m compileall -q src" in dry.stdout


def test_ci_runs_make_test():
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_no_notebook_outputs_are_tracked_by_git():
    tracked = subprocess.run(
        ["git", "ls-files", "reports", "data"], cwd=ROOT, capture_output=True, text=True
    ).stdout.split()
    assert all(name.endswith(".gitkeep") for name in tracked), tracked
